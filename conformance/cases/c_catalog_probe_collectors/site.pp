# Collectors with and/or queries and overrides, reference arrays, chained
# relationships and resource overrides in one catalog.
@user { ['u1', 'u2', 'u3']: ensure => present, groups => ['g1'] }
@user { 'u4': ensure => absent, groups => ['g2'] }
User <| groups == 'g1' and title != 'u2' |>
User <| title == 'u4' or title == 'u2' |> { shell => '/bin/zsh' }
file { ['/a', '/b']: ensure => directory }
File[['/a', '/b']] -> Notify['n1']
notify { ['n1', 'n2', 'n3']: }
Notify['n1'] -> Notify['n2'] ~> Notify['n3']
[Notify['n2'], Notify['n3']] -> File['/c']
file { '/c': ensure => file, before => 'Notify[n1]' }
$refs = File['/a', '/b']
notify { 'refs': message => "${refs}" }
Notify <| title == 'n2' |> { message => 'collected override' }
package { 'p1': ensure => present }
Package <| |> { provider => 'apt' }
exec { 'x': command => '/bin/echo', unless => ['/bin/false'], environment => ['A=1'] }
Exec['x'] { path => ['/bin'] }
