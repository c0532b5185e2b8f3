$t = 'dyn'
file { "/tmp/${t}":
  ensure => directory,
  mode   => '0755',
}
file { '/tmp/a':
  ensure  => file,
  content => "x\n",
  require => File["/tmp/${t}"],
}
exec { 'e1': command => '/bin/true', subscribe => [File['/tmp/a'], File['/tmp/dyn']] }
package { 'pk': ensure => installed, tag => ['t1', 'T2'] }
service { 'svc': ensure => running, enable => true, before => Package['pk'] }
$refs = [File['/tmp/a'], Package['pk']]
notify { 'refs': message => "${refs}" }
notify { 'plus': }
Notify['plus'] { message => 'overridden' }
