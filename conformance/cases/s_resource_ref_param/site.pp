notify { 'a': }
notify { 'b': require => Notify['a'] }
notify { 'c': require => [Notify['a'], Notify['b']] }
notify { 'd': before => 'Notify[a]' }
