$h = { 'b' => 2, 'a' => 1 }
$m = $h.map |$k, $v| { "${k}=${v}" }
$f = [1, 2, 3, 4].filter |$x| { $x % 2 == 0 }
$r = [1, 2, 3].reduce(10) |$memo, $x| { $memo + $x }
$s = [3, 1, 2].sort
$e = [1, 2, 3].each |$i, $x| { notify { "each ${i} ${x}": } }
$w = with(1, 2) |$a, $b| { $a + $b }
$sl = [1, 2, 3, 4, 5].slice(2)
$st = [].empty
$fl = [1, [2, [3]]].flatten
$u = [1, 1, 2].unique
$k = $h.keys
$v = $h.values
$hf = $h.filter |$k, $v| { $v > 1 }
notify { 'it': message => [$m, $f, $r, $s, $e, $w, $sl, $st, $fl, $u, $k, $v, $hf] }
