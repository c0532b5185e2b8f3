# file: directories, links, absent, present, force, and symbolic modes on
# directories (read implies search); a second run changes nothing.
# RUN: rm -rf %t && mkdir -p %t/olddir/sub %t/gone-dir && echo x > %t/gone && echo y > %t/present
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var %s | FileCheck %s
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var --detailed-exitcodes %s | FileCheck --check-prefix=SECOND %s
# RUN: stat -c '%%F %%a' %t/dir | FileCheck --check-prefix=DIR %s
# RUN: readlink %t/link | FileCheck --check-prefix=LINK %s
# RUN: test ! -e %t/gone && test ! -e %t/olddir && test -d %t/gone-dir && test -f %t/present
$d = $facts['testdir']
file { "${d}/dir": ensure => directory, mode => 'u=rw,go=r' }
file { "${d}/link": ensure => link, target => "${d}/dir" }
file { "${d}/gone": ensure => absent }
file { "${d}/gone-dir": ensure => absent }
file { "${d}/olddir": ensure => absent, force => true }
file { "${d}/present": ensure => present }
# CHECK-DAG: File[{{.*}}/dir]/ensure: created
# CHECK-DAG: File[{{.*}}/link]/ensure: created
# CHECK-DAG: File[{{.*}}/gone]/ensure: removed
# CHECK-DAG: File[{{.*}}/gone-dir]: Not removing directory; use 'force' to override
# CHECK-DAG: File[{{.*}}/olddir]/ensure: removed
# SECOND-NOT: /ensure
# SECOND: Applied catalog
# DIR: directory 755
# LINK: {{.*}}/dir
