$h = { 'x' => 1, 'y' => 2 }
$sum = $h.reduce(0) |$m, $kv| { $m + $kv[1] }
$pairs = $h.map |$kv| { $kv[0] }
$idx = ['a', 'b'].map |$i, $v| { "${i}:${v}" }
$rev = [1, 2, 3].reverse_each.map |$x| { $x }
$stp = 0.step(10, 5).map |$x| { $x }
notify { 'r': message => [$sum, $pairs, $idx, $rev, $stp] }
