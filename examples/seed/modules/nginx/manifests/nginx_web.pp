# nginx serving a static site from a document root.
class nginx::nginx_web (
  String $server_name = $facts['networking']['fqdn'],
  String $docroot = '/var/www/site',
) {
  include nginx

  file { $docroot:
    ensure => directory,
    mode   => '0755',
  }

  file { "${docroot}/index.html":
    ensure  => file,
    mode    => '0644',
    content => "<!DOCTYPE html>\n<html>\n  <head><title>${server_name}</title></head>\n  <body><h1>${server_name}</h1><p>Served by nginx, configured by cppet.</p></body>\n</html>\n",
  }

  # A static page shipped with the module, copied as is from the master.
  file { "${docroot}/about.html":
    ensure => file,
    mode   => '0644',
    source => 'puppet:///modules/nginx/about.html',
  }

  file { '/etc/nginx/sites-enabled/web.conf':
    ensure  => file,
    mode    => '0644',
    content => epp('nginx/web_vhost.epp', {
      'server_name' => $server_name,
      'docroot'     => $docroot,
    }),
    require => [Package['nginx'], File[$docroot]],
    notify  => Service['nginx'],
  }
}
