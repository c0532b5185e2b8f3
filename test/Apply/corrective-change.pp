# A change that puts back what an unchanged manifest asked for (drift) is a
# corrective change in the report; a change of the manifest is not.
# RUN: rm -rf %t && mkdir -p %t
# RUN: env FACTER_testdir=%t FACTER_v=1 cppet-agent apply --vardir %t/var %s > /dev/null
# RUN: echo drifted > %t/f
# RUN: env FACTER_testdir=%t FACTER_v=1 cppet-agent apply --vardir %t/var %s > /dev/null
# RUN: grep -E '^corrective_change:|^    corrective_change:' %t/var/state/last_run_report.yaml | FileCheck --check-prefix=DRIFT %s
# RUN: env FACTER_testdir=%t FACTER_v=2 cppet-agent apply --vardir %t/var %s > /dev/null
# RUN: grep -E '^corrective_change:' %t/var/state/last_run_report.yaml | FileCheck --check-prefix=EDIT %s
file { "${facts['testdir']}/f": content => "v${facts['v']}\n" }
# DRIFT: corrective_change: true
# DRIFT: corrective_change: true
# EDIT: corrective_change: false
