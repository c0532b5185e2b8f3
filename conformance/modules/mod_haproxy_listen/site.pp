include haproxy
haproxy::listen { 'web': collect_exported => false, ipaddress => '0.0.0.0', ports => '80', options => { 'balance' => 'roundrobin' } }
haproxy::balancermember { 'web01': listening_service => 'web', server_names => 'web01', ipaddresses => '10.0.0.21', ports => '8080', options => 'check' }
