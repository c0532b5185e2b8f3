# RUN: cppetc parse %s | FileCheck %s
$a = 1 < 2 == true
$b = $x + $y * $z
$c = $x - $y - $z
$d = 1 << 2 + 3
$e = !$x and $y or $z
$f = -$x * 2
$g = $x in $y == true
$h = $x =~ /a/ * 2
$i = $a = $b = 3
$j = $x ? { 1 => 'a', default => 'b' } + 1
$k = [1, 2][0] + $h['k'].length
$l = *$args
$m = $x >= 1 and $y != 2
$n = (1 + 2) * 3

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (Binary <
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (Binary ==
# CHECK-NEXT: (LiteralInteger 2)
# CHECK-NEXT: (LiteralBoolean true))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (Binary +
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Binary *
# CHECK-NEXT: (Variable $y)
# CHECK-NEXT: (Variable $z))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $c)
# CHECK-NEXT: (Binary -
# CHECK-NEXT: (Binary -
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Variable $y))
# CHECK-NEXT: (Variable $z)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $d)
# CHECK-NEXT: (Binary <<
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (Binary +
# CHECK-NEXT: (LiteralInteger 2)
# CHECK-NEXT: (LiteralInteger 3))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $e)
# CHECK-NEXT: (Binary or
# CHECK-NEXT: (Binary and
# CHECK-NEXT: (Unary !
# CHECK-NEXT: (Variable $x))
# CHECK-NEXT: (Variable $y))
# CHECK-NEXT: (Variable $z)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $f)
# CHECK-NEXT: (Binary *
# CHECK-NEXT: (Unary -
# CHECK-NEXT: (Variable $x))
# CHECK-NEXT: (LiteralInteger 2)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $g)
# CHECK-NEXT: (Binary ==
# CHECK-NEXT: (Binary in
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Variable $y))
# CHECK-NEXT: (LiteralBoolean true)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $h)
# CHECK-NEXT: (Binary *
# CHECK-NEXT: (Binary =~
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralRegex /a/))
# CHECK-NEXT: (LiteralInteger 2)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $i)
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (LiteralInteger 3))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $j)
# CHECK-NEXT: (Binary +
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralString "a"))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralDefault)
# CHECK-NEXT: (LiteralString "b")))
# CHECK-NEXT: (LiteralInteger 1)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $k)
# CHECK-NEXT: (Binary +
# CHECK-NEXT: (Access
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2))
# CHECK-NEXT: (LiteralInteger 0))
# CHECK-NEXT: (MethodCall length
# CHECK-NEXT: (Access
# CHECK-NEXT: (Variable $h)
# CHECK-NEXT: (LiteralString "k")))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $l)
# CHECK-NEXT: (Unary *
# CHECK-NEXT: (Variable $args)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $m)
# CHECK-NEXT: (Binary and
# CHECK-NEXT: (Binary >=
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralInteger 1))
# CHECK-NEXT: (Binary !=
# CHECK-NEXT: (Variable $y)
# CHECK-NEXT: (LiteralInteger 2))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $n)
# CHECK-NEXT: (Binary *
# CHECK-NEXT: (Binary +
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2))
# CHECK-NEXT: (LiteralInteger 3))))
