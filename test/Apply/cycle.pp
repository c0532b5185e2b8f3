# A dependency cycle is an error naming the cycle, before any change.
# RUN: rm -rf %t && mkdir -p %t
# RUN: env FACTER_testdir=%t not cppet-agent apply --vardir %t/var --detailed-exitcodes %s 2>&1 | FileCheck %s
# RUN: test ! -e %t/untouched
file { "${facts['testdir']}/untouched": content => 'x' }
notify { 'a': require => Notify['b'] }
notify { 'b': require => Exec['c'] }
exec { 'c': command => '/bin/true', require => Notify['a'] }
# CHECK: Error: Found 1 dependency cycle:
# CHECK-NEXT: {{^\((Notify\[a\] => Exec\[c\] => Notify\[b\] => Notify\[a\]|Exec\[c\] => Notify\[b\] => Notify\[a\] => Exec\[c\]|Notify\[b\] => Notify\[a\] => Exec\[c\] => Notify\[b\])\)$}}
# CHECK: Error: Failed to apply catalog: One or more resource dependency cycles detected in graph
# CHECK-NOT: Applied catalog
