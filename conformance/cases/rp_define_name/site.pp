define app::instance (Integer $port, String $user = $name, Hash $env = {}) {
  $svc = "app-${name}"
  file { "/etc/${svc}.conf": content => epp('app/conf.epp', { 'port' => $port, 'env' => $env }) }
  service { $svc: ensure => running, subscribe => File["/etc/${svc}.conf"] }
}
app::instance { 'alpha': port => 8001 }
app::instance { 'beta': port => 8002, user => 'svc', env => { 'DEBUG' => '1' } }
