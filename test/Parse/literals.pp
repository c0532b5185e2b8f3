# RUN: cppetc parse %s | FileCheck %s
$s1 = 'single \' quote \\ and \n kept'
$s2 = "plain"
$i1 = 42
$i2 = 0x2A
$i3 = 052
$i4 = -7
$f1 = 1.5
$f2 = 1e3
$f3 = 2.5e-2
$b = [true, false]
$u = undef
$d = default
$r = /ab\/c+/
$n = foo::bar
$n2 = ::top
$ref = Foo::Bar
$v = [$x, $::y, $a::b::c, $0]
$h = {'a' => 1, b => [], }

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $s1)
# CHECK-NEXT: (LiteralString "single ' quote \\ and \\n kept"))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $s2)
# CHECK-NEXT: (LiteralString "plain"))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $i1)
# CHECK-NEXT: (LiteralInteger 42))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $i2)
# CHECK-NEXT: (LiteralInteger 42 radix=16))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $i3)
# CHECK-NEXT: (LiteralInteger 42 radix=8))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $i4)
# CHECK-NEXT: (LiteralInteger -7))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $f1)
# CHECK-NEXT: (LiteralFloat 1.5))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $f2)
# CHECK-NEXT: (LiteralFloat 1000.0))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $f3)
# CHECK-NEXT: (LiteralFloat 0.025))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (LiteralBoolean true)
# CHECK-NEXT: (LiteralBoolean false)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $u)
# CHECK-NEXT: (LiteralUndef))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $d)
# CHECK-NEXT: (LiteralDefault))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $r)
# CHECK-NEXT: (LiteralRegex /ab/c+/))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $n)
# CHECK-NEXT: (QualifiedName foo::bar))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $n2)
# CHECK-NEXT: (QualifiedName ::top))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $ref)
# CHECK-NEXT: (QualifiedReference Foo::Bar))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $v)
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Variable $::y)
# CHECK-NEXT: (Variable $a::b::c)
# CHECK-NEXT: (Variable $0)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $h)
# CHECK-NEXT: (LiteralHash
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralString "a")
# CHECK-NEXT: (LiteralInteger 1))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (QualifiedName b)
# CHECK-NEXT: (LiteralArray)))))
