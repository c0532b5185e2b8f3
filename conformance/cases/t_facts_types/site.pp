notify { 'ft': message => [$facts['networking']['interfaces']['eth0']['mtu'], $facts['os']['release'], $::networking['ip']] }
$mtu = $facts['networking']['interfaces']['eth0']['mtu'] + 1
notify { "mtu ${mtu}": }
