class erbtest (
  Integer $port = 8080,
  Boolean $enabled = true,
  Array $servers = ['a.example.com', 'b.example.com'],
  Hash $options = { 'zeta' => 1, 'alpha' => ['x', 'y'] },
  String $path = '/etc/erbtest.conf',
) {
  $title_var = $title
  file { $path: content => template('erbtest/config.erb', 'erbtest/footer.erb') }
}
