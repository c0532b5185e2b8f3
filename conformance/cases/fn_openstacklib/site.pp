# openstacklib's Ruby functions, which every OpenStack module calls
# (puppet-module-openstacklib on the modulepath).
notify { 'transport': message => os_transport_url({ 'transport' => 'rabbit', 'hosts' => ['h1', '::1'], 'port' => 5672, 'username' => 'us er', 'password' => 'p@ss', 'virtual_host' => 'vh', 'ssl' => 'yes', 'query' => { 'a' => 'b' } }) }
notify { 'transport_host': message => os_transport_url({ 'transport' => 'amqp', 'host' => 'fe80::1', 'port' => '5672' }) }
notify { 'database': message => os_database_connection({ 'dialect' => 'mysql+pymysql', 'host' => '127.0.0.1', 'port' => '3306', 'username' => 'nova', 'password' => 'se cret', 'database' => 'nova', 'charset' => 'utf8', 'extra' => { 'read_timeout' => '60' } }) }
notify { 'sqlite': message => os_database_connection({ 'dialect' => 'sqlite', 'database' => '/var/lib/x.db' }) }
notify { 'misc': message => String([is_service_default('<SERVICE DEFAULT>'), is_service_default(1), normalize_ip_for_uri(['::1', '1.2.3.4', '[::2]']), normalize_ip_for_uri('::3'), inet6_prefix('2001:db8::1 5672'), inet6_prefix(['10.0.0.1'])]) }
