ini_setting { 'php memory': ensure => present, path => '/etc/php.ini', section => 'PHP', setting => 'memory_limit', value => '256M', key_val_separator => ' = ' }
ini_setting { 'global no section': ensure => absent, path => '/etc/app.ini', section => '', setting => 'debug' }
