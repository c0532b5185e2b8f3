# RUN: cppetc parse %s | FileCheck %s
$a = $x / 2 / 3
$b = 10 /2
$c = $x =~ /^a\/b$/
$d = [/re1/, /re2/]
$e = foo(/x/)
$f = ($x) / $y
$g = $h['k'] / 4
case $x { /a/: { } /b/: { } default: { } }
$i = 'a' / 'b'
if $x =~ /y/ and $z !~ /w/ { }

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (Binary /
# CHECK-NEXT: (Binary /
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralInteger 2))
# CHECK-NEXT: (LiteralInteger 3)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (Binary /
# CHECK-NEXT: (LiteralInteger 10)
# CHECK-NEXT: (LiteralInteger 2)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $c)
# CHECK-NEXT: (Binary =~
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralRegex /^a/b$/)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $d)
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (LiteralRegex /re1/)
# CHECK-NEXT: (LiteralRegex /re2/)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $e)
# CHECK-NEXT: (Call foo
# CHECK-NEXT: (LiteralRegex /x/)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $f)
# CHECK-NEXT: (Binary /
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Variable $y)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $g)
# CHECK-NEXT: (Binary /
# CHECK-NEXT: (Access
# CHECK-NEXT: (Variable $h)
# CHECK-NEXT: (LiteralString "k"))
# CHECK-NEXT: (LiteralInteger 4)))
# CHECK-NEXT: (Case
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Option
# CHECK-NEXT: (LiteralRegex /a/)
# CHECK-NEXT: (Block))
# CHECK-NEXT: (Option
# CHECK-NEXT: (LiteralRegex /b/)
# CHECK-NEXT: (Block))
# CHECK-NEXT: (Option
# CHECK-NEXT: (LiteralDefault)
# CHECK-NEXT: (Block)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $i)
# CHECK-NEXT: (Binary /
# CHECK-NEXT: (LiteralString "a")
# CHECK-NEXT: (LiteralString "b")))
# CHECK-NEXT: (If
# CHECK-NEXT: (Binary and
# CHECK-NEXT: (Binary =~
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralRegex /y/))
# CHECK-NEXT: (Binary !~
# CHECK-NEXT: (Variable $z)
# CHECK-NEXT: (LiteralRegex /w/)))
# CHECK-NEXT: (Block)))
