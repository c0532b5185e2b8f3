# stdlib::str2resource: a reference to a declared resource from its string
file { '/tmp/fb_str2resource': ensure => directory }
user { 'fbuser': ensure => present }
class fbc { }
include fbc
$f = stdlib::str2resource('File[/tmp/fb_str2resource]')
$u = stdlib::str2resource('user[fbuser]')
$c = stdlib::str2resource('Class[fbc]')
notify { 'refs':
  message => "${type($f)} ${type($u)} ${type($c)}",
  require => [$f, $u],
  before  => $c,
}
