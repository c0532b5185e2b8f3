define wrap ($f) { file { $f: mode => '0600' } File[$f] { owner => 'root' } }
wrap { 'w': f => '/tmp/w' }
