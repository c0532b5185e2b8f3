notify { 'x': require => Notify['y'], before => [Notify['z']], alias => 'ex', loglevel => 'warning', noop => true }
notify { 'y': }
notify { 'z': }
$r = Resource['notify', 'y']
$c = Class['main']
notify { 'w': message => "${r} ${c}", subscribe => $r }
