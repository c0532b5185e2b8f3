# --tags applies only resources carrying one of the tags (class names and
# types are tags too).
# RUN: rm -rf %t && mkdir -p %t
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var --tags web,extra %s | FileCheck %s
# RUN: test -e %t/web && test -e %t/extra && test ! -e %t/db
class web { file { "${facts['testdir']}/web": content => 'w' } }
class db { file { "${facts['testdir']}/db": content => 'd' } }
include web, db
file { "${facts['testdir']}/extra": content => 'e', tag => 'extra' }
# CHECK-DAG: File[{{.*}}/web]/ensure: defined content
# CHECK-DAG: File[{{.*}}/extra]/ensure: defined content
# CHECK-NOT: /db]
