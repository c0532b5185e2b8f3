file { '/tmp/a': ensure => file, tag => ['x'] }
File <| tag == 'x' |> { mode => '0600', require +> Notify['n'] }
notify { 'n': }
