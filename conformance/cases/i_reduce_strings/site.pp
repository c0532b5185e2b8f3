$s = ['a', 'b', 'c'].reduce |$m, $x| { "${m}${x}" }
$n = [3, 1, 2].reduce |$m, $x| { max($m, $x) }
$k = { 'x' => 1 }.reduce([]) |$m, $kv| { $m + [$kv[0]] }
notify { 'r': message => [$s, $n, $k, [5, 3, 9].min, [5, 3, 9].max, ['b', 'a'].sort, [3, 1, 2].sort |$a, $b| { $b - $a }] }
