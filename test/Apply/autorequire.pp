# Autorequires: a file requires its nearest managed parent directory, an
# exec its cwd (whatever the manifest order); an explicit relationship the
# other way wins over the automatic one.
# RUN: rm -rf %t && mkdir -p %t
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var --detailed-exitcodes %s > %t/out 2>&1 || true
# RUN: FileCheck %s < %t/out
$d = $facts['testdir']
file { "${d}/a/b/c": content => 'x' }
exec { 'in-b': command => '/bin/true', cwd => "${d}/a/b" }
file { "${d}/a/b": ensure => directory }
file { "${d}/a": ensure => directory }
# CHECK: File[{{.*}}/a]/ensure: created
# CHECK-NEXT: File[{{.*}}/a/b]/ensure: created
# CHECK-NEXT: File[{{.*}}/a/b/c]/ensure: defined content
# CHECK-NEXT: Exec[in-b]/returns: executed successfully
# CHECK-NOT: Error
