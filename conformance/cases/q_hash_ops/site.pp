$h = { 'a' => 1, 'b' => { 'c' => [1, 2, 3] } }
$n = $h['b']['c'][1]
$miss = $h['zzz']
$keys = 'a' in $h
$merged = $h + { 'a' => 9, 'd' => 4 }
$eq = [1, 'A'] == [1, 'a']
$heq = { 'a' => 1, 'b' => 2 } == { 'b' => 2, 'a' => 1 }
notify { 'h': message => [$n, $miss, $keys, $merged, $eq, $heq, 'B' > 'a', 'abc' == 'ABC'] }
