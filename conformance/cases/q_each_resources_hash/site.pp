$pkgs = { 'nginx' => { 'ensure' => 'latest' }, 'curl' => {} }
$pkgs.each |$name, $opts| {
  package { $name: * => $opts }
}
['a', 'b'].each |$i, $v| { file { "/tmp/${i}-${v}": ensure => file } }
