# Resources, relationships, virtual and exported resources, collectors,
# aliases, stages, containment and metaparameters in one catalog.
define wrap($x = $title) {
  notify { "wrap ${name} ${x} ${module_name} ${caller_module_name}": }
  tag 'wrapped'
}
wrap { 'w1': }
wrap { 'w2': x => 'given' }
@file { '/tmp/v1': ensure => file, tag => ['vt'] }
@file { '/tmp/v2': ensure => file }
realize(File['/tmp/v2'])
File <| tag == 'vt' |> { mode => '0600' }
@@file { '/tmp/exp': ensure => file }
File <<| |>>
file { '/tmp/a': ensure => directory, alias => 'adir' }
file { '/tmp/a/b': ensure => file, require => File['adir'] }
exec { 'e1': command => '/bin/true', subscribe => File['/tmp/a/b'], refreshonly => true }
service { 'svc': ensure => running }
package { 'pkg': ensure => installed, before => Service['svc'], notify => [Service['svc'], Exec['e1']] }
Package['pkg'] ~> Service['svc']
class outer { contain inner2 notify { 'outer': } }
class inner2 { notify { 'inner2': } }
include outer
class req { require outer notify { 'req': } }
include req
node default { notify { 'node default': } }
$arr = ['x', 'y']
$arr.each |$i, $v| { notify { "idx ${i} ${v}": } }
notify { 'noop': noop => true, loglevel => warning, schedule => 'daily' }
schedule { 'daily': period => daily }
