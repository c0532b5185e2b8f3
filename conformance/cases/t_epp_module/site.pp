class tm (Array[String] $servers = ['a', 'b'], Hash $opts = { 'x' => 1, 'y' => 'two' }) {
  file { '/etc/tm.conf': content => epp('tm/conf.epp', { 'servers' => $servers, 'opts' => $opts, 'title' => 'T' }) }
  file { '/etc/tm.erb': content => template('tm/conf.erb') }
}
include tm
