# A failed resource skips its dependents (also through a class that contains
# it, and transitively) and the run goes on; detailed exit code 6 = changes
# and failures.
# RUN: rm -rf %t && mkdir -p %t
# RUN: sh -c 'FACTER_testdir=%t cppet-agent apply --vardir %t/var --detailed-exitcodes %s; echo "exit=$?"' > %t/out 2>&1
# RUN: FileCheck %s < %t/out
# RUN: test -e %t/independent && test ! -e %t/skipped && test ! -e %t/skipped2
class broken { exec { '/bin/false': } }
include broken
file { "${facts['testdir']}/skipped": content => 'x', require => Class['broken'] }
file { "${facts['testdir']}/skipped2": content => 'x', require => File["${facts['testdir']}/skipped"] }
file { "${facts['testdir']}/independent": content => 'x' }
# CHECK: Error: /Stage[main]/Broken/Exec[/bin/false]/returns: change from 'notrun' to ['0'] failed: '/bin/false' returned 1 instead of one of [0]
# CHECK-DAG: Notice: /Stage[main]/Main/File[{{.*}}/skipped]: Dependency Exec[/bin/false] has failures: true
# CHECK-DAG: Warning: /Stage[main]/Main/File[{{.*}}/skipped]: Skipping because of failed dependencies
# CHECK-DAG: Warning: /Stage[main]/Main/File[{{.*}}/skipped2]: Skipping because of failed dependencies
# CHECK-DAG: Notice: /Stage[main]/Main/File[{{.*}}/independent]/ensure: defined content as
# CHECK: exit=6
