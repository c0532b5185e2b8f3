notify { 'none': message => [has_interface_with('eth0'), has_ip_address('10.1.2.3'), has_ip_network('10.1.2.0'), has_interface_with('ipaddress', '10.1.2.3')] }
