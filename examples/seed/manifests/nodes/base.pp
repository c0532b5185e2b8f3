# Configuration every server gets; role nodes inherit it.
node 'base' {
  $ntp_servers = ['0.debian.pool.ntp.org', '1.debian.pool.ntp.org']

  file { '/etc/motd':
    ensure  => file,
    mode    => '0644',
    content => "Welcome to ${facts['networking']['fqdn']} (${facts['os']['name']} ${facts['os']['release']['full']}).\nManaged by cppet: local changes will be overwritten.\n",
  }

  package { 'ntp':
    ensure => installed,
  }

  file { '/etc/ntp.conf':
    ensure  => file,
    mode    => '0644',
    content => "# Managed by cppet.\ndriftfile /var/lib/ntp/ntp.drift\n${ntp_servers.map |$server| { "server ${server} iburst" }.join("\n")}\n",
    require => Package['ntp'],
    notify  => Service['ntp'],
  }

  service { 'ntp':
    ensure => running,
    enable => true,
  }

  group { 'deploy':
    ensure => present,
    gid    => 2000,
  }

  user { 'deploy':
    ensure     => present,
    uid        => 2000,
    gid        => 'deploy',
    home       => '/home/deploy',
    managehome => true,
    shell      => '/bin/bash',
    require    => Group['deploy'],
  }
}
