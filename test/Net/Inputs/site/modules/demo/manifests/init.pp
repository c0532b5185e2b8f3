class demo (String $greeting = 'hello') {
  file { '/tmp/cppet-demo/f.txt':
    ensure => file,
    source => 'puppet:///modules/demo/f.txt',
  }
  file { '/tmp/cppet-demo/t.txt':
    ensure  => file,
    content => template('demo/t.erb'),
  }
  notify { "${greeting} from ${facts['networking']['fqdn']}": }
}
