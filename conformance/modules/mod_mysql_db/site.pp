class { 'mysql::server': root_password => 'secret', override_options => { 'mysqld' => { 'max_connections' => '100' } } }
mysql::db { 'appdb': user => 'app', password => 'pw', host => 'localhost', grant => ['SELECT', 'UPDATE'] }
