# nginx: the package, its main configuration and the service.
class nginx (
  String $worker_processes = 'auto',
  Integer $worker_connections = 768,
) {
  package { 'nginx':
    ensure => installed,
  }

  file { '/etc/nginx/nginx.conf':
    ensure  => file,
    mode    => '0644',
    content => epp('nginx/nginx.conf.epp', {
      'worker_processes'   => $worker_processes,
      'worker_connections' => $worker_connections,
    }),
    require => Package['nginx'],
    notify  => Service['nginx'],
  }

  # Debian's default site would shadow ours.
  file { '/etc/nginx/sites-enabled/default':
    ensure  => absent,
    require => Package['nginx'],
    notify  => Service['nginx'],
  }

  service { 'nginx':
    ensure  => running,
    enable  => true,
    require => Package['nginx'],
  }
}
