# file: a directory with a source and recurse copies the tree; purge removes
# what the source does not have unless another resource manages it.
# RUN: rm -rf %t && mkdir -p %t/src/sub %t/dst && echo a > %t/src/a && echo b > %t/src/sub/b && echo stale > %t/dst/stale && echo mine > %t/dst/mine
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var %s | FileCheck %s
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var --detailed-exitcodes %s
# RUN: cat %t/dst/a %t/dst/sub/b %t/dst/mine | FileCheck --check-prefix=TREE %s
# RUN: test ! -e %t/dst/stale
$d = $facts['testdir']
file { "${d}/dst": ensure => directory, source => "${d}/src", recurse => true, purge => true, force => true }
file { "${d}/dst/mine": content => "mine\n" }
# CHECK-DAG: File[{{.*}}/dst/a]/ensure: defined content as
# CHECK-DAG: File[{{.*}}/dst/sub]/ensure: created
# CHECK-DAG: File[{{.*}}/dst/sub/b]/ensure: defined content as
# CHECK-DAG: File[{{.*}}/dst/stale]/ensure: removed
# TREE: a
# TREE-NEXT: b
# TREE-NEXT: mine
