class { 'ssh::client': storeconfigs_enabled => false, options => { 'Host *.example.com' => { 'User' => 'deploy', 'ForwardAgent' => 'yes' }, 'ServerAliveInterval' => 60 } }
