# Type[title][attribute]: the values of a declared resource (several keys
# give an Array; a valid attribute not set is undef).
class base($port = 80) { file { '/tmp/base': mode => '0644' } }
class { 'base': port => 8080 }
define thing($v = 1) { }
thing { 't': v => 3 }
$vals = [
  File['/tmp/base']['mode'], File['/tmp/base']['mode', 'owner'],
  Class['base']['port'], Class[base]['port'], Thing['t']['v'],
  File['/tmp/base']['tag'],
]
notify { 'values': message => $vals }
