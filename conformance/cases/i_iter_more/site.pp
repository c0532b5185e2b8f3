$h = { 'a' => 1, 'b' => 2, 'c' => 3 }
$any = $h.any |$k, $v| { $v > 2 }
$all = [1, 2].all |$x| { $x > 0 }
$grp = [1, 2, 3, 4].group_by |$x| { $x % 2 }
$idx = ['a', 'b'].index |$x| { $x == 'b' }
$fl = $h.filter |$kv| { $kv[1] != 2 }
$mp = $h.map |$k, $v| { [$k, $v * 10] }.convert_to(Hash)
$tr = Integer[1, 3].map |$i| { $i * 2 }
$str = 'abc'.map |$c| { $c.upcase }
$sz = [[1, 2], [3, 4]].map |$a, $b| { $a }
notify { 'i': message => [$any, $all, $grp, $idx, $fl, $mp, $tr, $str, $sz] }
