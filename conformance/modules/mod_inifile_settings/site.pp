ini_setting { 'x': ensure => present, path => '/tmp/a.ini', section => 'main', setting => 'k', value => 'v' }
ini_subsetting { 'y': ensure => present, path => '/tmp/a.ini', section => 'main', setting => 'opts', subsetting => '-Xmx', value => '512m' }
