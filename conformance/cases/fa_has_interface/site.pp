notify { 'has':
  message => [
    has_interface_with('eth0'), has_interface_with('lo'), has_interface_with('LO'), has_interface_with('wlan0'),
    has_interface_with('ipaddress', '127.0.0.1'), has_interface_with('ipaddress', '10.9.9.9'),
    has_interface_with('macaddress', '52:54:00:12:34:56'), has_interface_with('netmask', '255.255.255.0'),
    has_interface_with('network', '10.1.2.0'), has_interface_with('mtu', '1500'),
    has_ip_address('10.1.2.3'), has_ip_address('127.0.0.1'), has_ip_address('1.1.1.1'),
    has_ip_network('127.0.0.0'), has_ip_network('192.168.0.0'),
  ],
}
class inner($ipaddress_eth1 = '172.16.0.1') {
  notify { 'scoped': message => [has_ip_address('172.16.0.1'), has_ip_address(undef)] }
}
include inner
