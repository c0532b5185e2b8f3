# --noop reports what would change and changes nothing; the noop
# metaparameter does the same for one resource.
# RUN: rm -rf %t && mkdir -p %t
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var --noop --detailed-exitcodes %s | FileCheck %s
# RUN: test ! -e %t/f && test ! -e %t/ran
# RUN: grep -q 'noop_pending: true' %t/var/state/last_run_report.yaml
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var %s | FileCheck --check-prefix=META %s
# RUN: test -e %t/f && test ! -e %t/g
$d = $facts['testdir']
file { "${d}/f": content => "x\n", notify => Exec['touch'] }
file { "${d}/g": content => "y\n", noop => true }
exec { 'touch': command => "/usr/bin/touch ${d}/ran", refreshonly => true }
# CHECK: Notice: /Stage[main]/Main/File[{{.*}}/f]/ensure: current_value 'absent', should be 'file' (noop)
# CHECK: Notice: /Stage[main]/Main/File[{{.*}}/g]/ensure: current_value 'absent', should be 'file' (noop)
# CHECK: Notice: /Stage[main]/Main/Exec[touch]: Would have triggered 'refresh' from 1 event
# CHECK: Notice: Class[Main]: Would have triggered 'refresh' from 2 events
# CHECK: Notice: Stage[main]: Would have triggered 'refresh' from 1 event
# META: File[{{.*}}/f]/ensure: defined content as
# META: File[{{.*}}/g]/ensure: current_value 'absent', should be 'file' (noop)
