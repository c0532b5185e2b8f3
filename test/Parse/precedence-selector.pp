# RUN: cppetc parse %s | FileCheck %s
# Selector precedence as in Puppet 7 (checked with puppet parser dump).
$a = $x < $y ? { 1 => 2 }
$b = $x << $y ? { 1 => 2 }
$c = $x or $y ? { 1 => 2 }
$d = $x ? { 1 => 2 } + 1
$e = $x ? { 1 => 2 } == 1
$f = $x ? { 1 => 2 } and 1
$g = $x ? { 1 => 2 } ? { 2 => 3 }
$h = $x ? { 1 => 2 }[0]
$i = $x ? { 1 => 2 }.foo
$j = !$x ? { 1 => 2 }
$k = 1 + $a ? { 1 => 2 }

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Binary <
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Variable $y))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Binary <<
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Variable $y))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $c)
# CHECK-NEXT: (Binary or
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Variable $y)
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2)))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $d)
# CHECK-NEXT: (Binary +
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2)))
# CHECK-NEXT: (LiteralInteger 1)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $e)
# CHECK-NEXT: (Binary ==
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2)))
# CHECK-NEXT: (LiteralInteger 1)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $f)
# CHECK-NEXT: (Binary and
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2)))
# CHECK-NEXT: (LiteralInteger 1)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $g)
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2)))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 2)
# CHECK-NEXT: (LiteralInteger 3))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $h)
# CHECK-NEXT: (Access
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2)))
# CHECK-NEXT: (LiteralInteger 0)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $i)
# CHECK-NEXT: (MethodCall foo
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2)))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $j)
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Unary !
# CHECK-NEXT: (Variable $x))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $k)
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Binary +
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (Variable $a))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2)))))
