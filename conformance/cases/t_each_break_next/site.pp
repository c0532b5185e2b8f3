$r = [1, 2, 3, 4].map |$x| { if $x == 2 { next(20) } $x }
$f = [1, 2, 3, 4].filter |$x| { if $x > 2 { break() } true }
notify { 'bn': message => [$r, $f] }
