# exec: creates/onlyif/unless decide; cwd, environment, path, returns,
# logoutput; commands run without a shell (the ';' is an argument), unless
# provider => shell; unqualified commands without path are invalid.
# RUN: rm -rf %t && mkdir -p %t && touch %t/exists
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var %s > %t/out 2>&1 || true
# RUN: FileCheck %s < %t/out
# RUN: cat %t/env-out | FileCheck --check-prefix=ENV %s
$d = $facts['testdir']
exec { 'skipped-creates': command => '/bin/false', creates => "${d}/exists" }
exec { 'skipped-unless': command => '/bin/false', unless => '/bin/true' }
exec { 'skipped-onlyif': command => '/bin/false', onlyif => '/bin/false' }
exec { 'env': command => 'sh -c "pwd; echo $GREETING" > env-out', provider => shell, cwd => $d, environment => ['GREETING=hello'] }
exec { 'no-shell': command => '/bin/echo a; touch /nonexistent', logoutput => true }
exec { 'returns': command => '/bin/sh -c "exit 3"', returns => [0, 3] }
exec { 'pathed': command => 'true', path => ['/usr/bin', '/bin'] }
exec { 'unqualified': command => 'true' }
# CHECK-NOT: skipped-
# CHECK-DAG: Exec[env]/returns: executed successfully
# CHECK-DAG: Exec[no-shell]/returns: a; touch /nonexistent
# CHECK-DAG: Exec[returns]/returns: executed successfully
# CHECK-DAG: Exec[pathed]/returns: executed successfully
# CHECK-DAG: Error: {{.*}}Exec[unqualified]: 'true' is not qualified and no path was specified. Please qualify the command or specify a path.
# ENV: {{.*}}exec.pp.tmp
# ENV-NEXT: hello
