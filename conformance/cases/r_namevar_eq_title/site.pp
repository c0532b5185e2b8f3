file { '/tmp/x': path => '/tmp/x', ensure => file }
package { 'ntp': name => 'ntp', ensure => installed }
package { 'other': name => 'different' }
service { 'svc': name => 'svc' }
user { 'u': name => 'u' }
notify { 'n': name => 'n' }
exec { 'e': command => 'e' }
define mydef($x = 1) { notify { "d ${name}": } }
mydef { 'dd': name => 'dd' }
mydef { 'de': name => 'other' }
