class { 'memcached': max_memory => '50%', listen_ip => '127.0.0.1', max_connections => 2048 }
