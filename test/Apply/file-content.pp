# file: content is written atomically with the mode asked for; changing it
# backs the old content up to the local filebucket (restorable by checksum);
# a second run changes nothing; replace => false leaves existing content.
# RUN: rm -rf %t && mkdir -p %t
# RUN: env FACTER_testdir=%t FACTER_v=one cppet-agent apply --vardir %t/var %s | FileCheck --check-prefix=FIRST %s
# RUN: env FACTER_testdir=%t FACTER_v=two cppet-agent apply --verbose --vardir %t/var %s > %t/second
# RUN: FileCheck --check-prefix=SECOND --input-file %t/second %s
# RUN: env FACTER_testdir=%t FACTER_v=two cppet-agent apply --vardir %t/var --detailed-exitcodes %s
# RUN: stat -c '%%a %%s' %t/conf | FileCheck --check-prefix=STAT %s
# RUN: cat %t/keep | FileCheck --check-prefix=KEEP %s
# RUN: find %t/var/clientbucket -name contents | xargs cat | FileCheck --check-prefix=BUCKET %s
# RUN: ls %t | FileCheck --check-prefix=NOTMP %s
$d = $facts['testdir']
file { "${d}/conf": content => "value=${facts['v']}\n", mode => 'u=rw,g=r,o=' }
file { "${d}/keep": content => "${facts['v']}\n", replace => false }
# FIRST: File[{{.*}}/conf]/ensure: defined content as '{sha256}{{[0-9a-f]+}}'
# FIRST: File[{{.*}}/keep]/ensure: defined content as
# SECOND: Info: {{.*}}Filebucketed
# SECOND: File[{{.*}}/conf]/content: content changed '{sha256}{{[0-9a-f]+}}' to '{sha256}{{[0-9a-f]+}}'
# SECOND-NOT: keep
# STAT: 640 10
# KEEP: one
# BUCKET: value=one
# NOTMP-NOT: cppet-
# The old content is restorable from the filebucket by its checksum.
# RUN: cppet-agent filebucket list --vardir %t/var | FileCheck --check-prefix=LIST %s
# RUN: sh -c 'cppet-agent filebucket restore --vardir %t/var %t/restored $(cppet-agent filebucket list --vardir %t/var | head -1 | cut -d" " -f1)'
# RUN: cat %t/restored | FileCheck --check-prefix=BUCKET %s
# LIST: {{^[0-9a-f]{64} .*/conf$}}
