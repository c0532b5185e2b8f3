# RUN: cppetc parse %s | FileCheck %s
$a.each |$k, $v| { notice("${k}=${v}") }
$b = $a.map |Integer $x, $y = 1, *$rest| { $x * 2 }
$c = $a.filter |$x| { $x > 1 }.length
each($a) |$x| { }
$d = $s.upcase
$e = $s.split(',')
with(1) |$x| { $x }
$f = String(5)
$g = type($x)
include foo, bar::baz
include ::top
require x
contain y
realize(User['a'])
tag 'a', 'b'
notice "hi"
fail('boom')
$h = $x.then |$v| { $v }
$l = [1, 2].reduce(0) |$memo, $v| { $memo + $v }
[$p, $q] = [1, 2]

# CHECK: (Block
# CHECK-NEXT: (MethodCall each
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (Lambda
# CHECK-NEXT: (Parameter $k)
# CHECK-NEXT: (Parameter $v)
# CHECK-NEXT: (Block
# CHECK-NEXT: (Call notice
# CHECK-NEXT: (ConcatString
# CHECK-NEXT: (Variable $k)
# CHECK-NEXT: (LiteralString "=")
# CHECK-NEXT: (Variable $v))))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (MethodCall map
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (Lambda
# CHECK-NEXT: (Parameter $x
# CHECK-NEXT: (Type
# CHECK-NEXT: (QualifiedReference Integer)))
# CHECK-NEXT: (Parameter $y
# CHECK-NEXT: (Default
# CHECK-NEXT: (LiteralInteger 1)))
# CHECK-NEXT: (Parameter *$rest)
# CHECK-NEXT: (Block
# CHECK-NEXT: (Binary *
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralInteger 2))))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $c)
# CHECK-NEXT: (MethodCall length
# CHECK-NEXT: (MethodCall filter
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (Lambda
# CHECK-NEXT: (Parameter $x)
# CHECK-NEXT: (Block
# CHECK-NEXT: (Binary >
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralInteger 1)))))))
# CHECK-NEXT: (Call each
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (Lambda
# CHECK-NEXT: (Parameter $x)
# CHECK-NEXT: (Block)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $d)
# CHECK-NEXT: (MethodCall upcase
# CHECK-NEXT: (Variable $s)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $e)
# CHECK-NEXT: (MethodCall split
# CHECK-NEXT: (Variable $s)
# CHECK-NEXT: (LiteralString ",")))
# CHECK-NEXT: (Call with
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (Lambda
# CHECK-NEXT: (Parameter $x)
# CHECK-NEXT: (Block
# CHECK-NEXT: (Variable $x))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $f)
# CHECK-NEXT: (Call String
# CHECK-NEXT: (LiteralInteger 5)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $g)
# CHECK-NEXT: (Call type
# CHECK-NEXT: (Variable $x)))
# CHECK-NEXT: (Call include noparens
# CHECK-NEXT: (QualifiedName foo)
# CHECK-NEXT: (QualifiedName bar::baz))
# CHECK-NEXT: (Call include noparens
# CHECK-NEXT: (QualifiedName ::top))
# CHECK-NEXT: (Call require noparens
# CHECK-NEXT: (QualifiedName x))
# CHECK-NEXT: (Call contain noparens
# CHECK-NEXT: (QualifiedName y))
# CHECK-NEXT: (Call realize
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference User)
# CHECK-NEXT: (LiteralString "a")))
# CHECK-NEXT: (Call tag noparens
# CHECK-NEXT: (LiteralString "a")
# CHECK-NEXT: (LiteralString "b"))
# CHECK-NEXT: (Call notice noparens
# CHECK-NEXT: (LiteralString "hi"))
# CHECK-NEXT: (Call fail
# CHECK-NEXT: (LiteralString "boom"))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $h)
# CHECK-NEXT: (MethodCall then
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Lambda
# CHECK-NEXT: (Parameter $v)
# CHECK-NEXT: (Block
# CHECK-NEXT: (Variable $v)))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $l)
# CHECK-NEXT: (MethodCall reduce
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2))
# CHECK-NEXT: (LiteralInteger 0)
# CHECK-NEXT: (Lambda
# CHECK-NEXT: (Parameter $memo)
# CHECK-NEXT: (Parameter $v)
# CHECK-NEXT: (Block
# CHECK-NEXT: (Binary +
# CHECK-NEXT: (Variable $memo)
# CHECK-NEXT: (Variable $v))))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (Variable $p)
# CHECK-NEXT: (Variable $q))
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2))))
