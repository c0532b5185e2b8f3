# nginx as a reverse proxy balancing over upstream application servers.
class nginx::nginx_proxy (
  Array[String, 1] $upstream_servers = ['10.0.0.21:8080', '10.0.0.22:8080'],
  Integer $listen_port = 80,
  String $server_name = $facts['networking']['fqdn'],
) {
  include nginx

  file { '/etc/nginx/sites-enabled/proxy.conf':
    ensure  => file,
    mode    => '0644',
    content => epp('nginx/proxy_vhost.epp', {
      'upstream_servers' => $upstream_servers,
      'listen_port'      => $listen_port,
      'server_name'      => $server_name,
    }),
    require => Package['nginx'],
    notify  => Service['nginx'],
  }

  notify { "proxy ${server_name} -> ${upstream_servers.length} upstream servers": }
}
