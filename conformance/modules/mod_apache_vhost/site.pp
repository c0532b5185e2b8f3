class { 'apache': default_vhost => false }
apache::vhost { 'www.example.com':
  port    => 80,
  docroot => '/var/www/example',
  aliases => [{ alias => '/static', path => '/srv/static' }],
  directories => [{ path => '/var/www/example', allow_override => ['All'] }],
}
