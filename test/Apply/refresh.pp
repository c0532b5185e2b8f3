# Refresh events: notify/subscribe (also through a class) run a refreshonly
# exec once per run, however many events arrive; nothing changes the second
# time, so nothing is refreshed.
# RUN: rm -rf %t && mkdir -p %t
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var %s | FileCheck %s
# RUN: FileCheck --check-prefix=COUNT --input-file %t/count %s
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var --detailed-exitcodes %s | FileCheck --check-prefix=SECOND %s
# RUN: FileCheck --check-prefix=COUNT --input-file %t/count %s
$d = $facts['testdir']
class config {
  file { "${d}/a.conf": content => 'a' }
  file { "${d}/b.conf": content => 'b' }
}
include config
file { "${d}/c.conf": content => 'c', notify => Exec['reload'] }
exec { 'reload':
  command     => "/bin/sh -c 'echo $(( $(cat ${d}/count 2>/dev/null || echo 0) + 1 )) > ${d}/count'",
  refreshonly => true,
  subscribe   => Class['config'],
}
# CHECK: Notice: /Stage[main]/Main/Exec[reload]: Triggered 'refresh' from 3 events
# CHECK-NOT: reload
# CHECK: Notice: Applied catalog
# SECOND-NOT: Triggered
# SECOND: Notice: Applied catalog
# COUNT: {{^1$}}
