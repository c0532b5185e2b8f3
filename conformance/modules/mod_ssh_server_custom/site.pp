class { 'ssh::server': storeconfigs_enabled => false, options => { 'PermitRootLogin' => 'no', 'Port' => [22, 2222], 'Match User git' => { 'AllowTcpForwarding' => 'no' } } }
