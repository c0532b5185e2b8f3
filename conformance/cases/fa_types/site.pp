$mtu = $facts['networking']['interfaces']['eth0']['mtu']
notify { 'f': message => [$mtu, type($mtu, 'generalized'), $facts['os']['release']['major'], type($facts['os']['release']['major']), $::hostname, $facts['hostname'] == $::hostname] }
