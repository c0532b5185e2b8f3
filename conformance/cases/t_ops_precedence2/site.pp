$a = !true and false
$b = !(1 in [1, 2])
$c = -2 ** 2
