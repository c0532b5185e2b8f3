# file: source => puppet:///modules/MOD/PATH reads the module's files/ folder
# in a masterless run; validate_cmd vetoes bad content.
# RUN: rm -rf %t && mkdir -p %t/modules/m/files && printf 'from module\n' > %t/modules/m/files/data
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var --modulepath %t/modules %s 2>&1 | FileCheck %s
# RUN: cat %t/copy | FileCheck --check-prefix=COPY %s
# RUN: test ! -e %t/invalid
$d = $facts['testdir']
file { "${d}/copy": source => 'puppet:///modules/m/data' }
file { "${d}/invalid": content => "bad\n", validate_cmd => '/bin/grep -q good %' }
# CHECK-DAG: File[{{.*}}/copy]/ensure: defined content as
# CHECK-DAG: Error: {{.*}}File[{{.*}}/invalid]/ensure: change from 'absent' to 'file' failed: Execution of '/bin/grep -q good {{.*}}' returned 1
# COPY: from module
