$h = { 'z' => 1, 'a' => 2 }
$h2 = $h + { 'm' => 3, 'z' => 9 }
$h3 = $h2 - 'a'
$keys = $h2.keys
$sorted = $h2.keys.sort
notify { 'h': message => [$h2, $h3, $keys, $sorted, $h2.map |$k, $v| { $k }] }
