node default {
  lookup('classes', Array[String], 'unique', []).include
}
class profile::base ($motd = 'default motd') { file { '/etc/motd': content => "${motd}\n" } }
class profile::web ($vhosts = {}) {
  $vhosts.each |$name, $cfg| { file { "/etc/nginx/sites/${name}": content => "server_name ${cfg['server_name']};\n" } }
}
class role::web { include profile::base, profile::web }
