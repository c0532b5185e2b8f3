concat { '/etc/motd': owner => 'root', group => 'root', mode => '0644', warn => true, order => 'numeric' }
concat::fragment { 'motd_header': target => '/etc/motd', content => "Welcome\n", order => '1' }
concat::fragment { 'motd_footer': target => '/etc/motd', content => "Bye\n", order => '10' }
