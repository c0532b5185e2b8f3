# exec: timeout kills a command that runs too long; tries/try_sleep retry a
# failing command until it succeeds; user runs it as another user.
# RUN: rm -rf %t && mkdir -p %t
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var %s > %t/out 2>&1 || true
# RUN: FileCheck %s < %t/out
# RUN: FileCheck --check-prefix=COUNT --input-file %t/count %s
# RUN: FileCheck --check-prefix=WHO --input-file %t/who %s
$d = $facts['testdir']
exec { 'slow': command => '/bin/sleep 30', timeout => 1 }
exec { 'flaky':
  command   => "/bin/sh -c 'echo x >> ${d}/count; test $(wc -l < ${d}/count) -ge 3'",
  tries     => 4,
  try_sleep => 0.1,
}
exec { 'as-nobody': command => "/bin/sh -c 'id -un > ${d}/who'", user => 'nobody', require => File[$d] }
file { $d: ensure => directory, mode => '0777' }
# CHECK-DAG: Exec[slow]/returns: change from 'notrun' to ['0'] failed: Command exceeded timeout
# CHECK-DAG: Exec[flaky]/returns: executed successfully
# CHECK-DAG: Exec[as-nobody]/returns: executed successfully
# COUNT: x
# COUNT-NEXT: x
# COUNT-NEXT: x
# COUNT-NOT: x
# WHO: nobody
