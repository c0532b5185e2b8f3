# A second apply changes nothing and reports status unchanged (exit 0 with
# --detailed-exitcodes) for files of every kind, execs guarded by creates
# or unless, refreshonly execs and relationships between them.
# RUN: rm -rf %t && mkdir -p %t/src && echo s > %t/src/a
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var %s > /dev/null
# RUN: grep -q '^status: changed' %t/var/state/last_run_report.yaml
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var --detailed-exitcodes %s
# RUN: grep -q '^status: unchanged' %t/var/state/last_run_report.yaml
# RUN: grep -A2 '^changes:' %t/var/state/last_run_summary.yaml | FileCheck %s
$d = $facts['testdir']
file { "${d}/dir": ensure => directory, mode => '0750' }
file { "${d}/dir/file": content => "x\n", mode => 'a=r' }
file { "${d}/link": ensure => link, target => "${d}/dir/file" }
file { "${d}/copy": ensure => directory, source => "${d}/src", recurse => true }
file { "${d}/empty": ensure => file }
file { "${d}/absent": ensure => absent }
exec { 'create': command => "/usr/bin/touch ${d}/created", creates => "${d}/created" }
exec { 'guarded': command => "/usr/bin/touch ${d}/guarded", unless => "/usr/bin/test -e ${d}/guarded" }
exec { 'refresh': command => '/bin/true', refreshonly => true, subscribe => File["${d}/dir/file"] }
# CHECK: changes:
# CHECK-NEXT: total: 0
