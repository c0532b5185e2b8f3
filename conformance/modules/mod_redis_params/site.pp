class { 'redis': bind => '127.0.0.1', port => 6380, maxmemory => '256mb', manage_repo => false }
