# A resource expression may be assigned: the variable holds the references
# of the declared resources (as Puppet 7.23 does).
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
$r = notify { 'a': message => 'x' }
$s = file { ['/tmp/1', '/tmp/2']: }
notify { 'b': require => $r, message => "${r} ${s}" }
# CHECK: "title":"b"{{[^}]*}}"require":["Notify[a]"],"message":"[Notify['a']] [File['/tmp/1'], File['/tmp/2']]"
