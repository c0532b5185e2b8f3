concat { '/etc/app.conf': ensure => present, owner => 'root', mode => '0640' }
concat::fragment { 'header': target => '/etc/app.conf', content => "# header\n", order => '01' }
concat::fragment { 'body': target => '/etc/app.conf', source => 'puppet:///modules/app/body', order => '10' }
