# Resources apply in dependency order, otherwise in manifest order; a
# relationship to a class orders against everything inside it.
# RUN: rm -rf %t && mkdir -p %t
# RUN: cppet-agent apply --vardir %t/var %s | FileCheck %s
notify { 'third': require => Notify['second'] }
notify { 'first': }
notify { 'second': }
class late { notify { 'in-late': } }
class early { notify { 'in-early': } }
include late, early
Class['early'] -> Class['late']
notify { 'last': }
Notify['last'] <- Class['late']
# CHECK: Notice: first
# CHECK: Notice: second
# CHECK: Notice: third
# CHECK: Notice: /Stage[main]/Early/Notify[in-early]/message: defined 'message' as 'in-early'
# CHECK: Notice: /Stage[main]/Late/Notify[in-late]/message
# CHECK: Notice: last
# CHECK: Notice: Applied catalog in
