$a = !true and false
$b = !(1 in [1, 2])
$c = 2 + 3 * 4 % 5 - 1
$d = (2 + 3) * 4
$e = 1 == 1 and 2 != 3 or false
$f = 'a' =~ /A/
$g = 10 - 2 - 3
$h = 2 * -3
notify { 'p': message => [$a, $b, $c, $d, $e, $f, $g, $h] }
