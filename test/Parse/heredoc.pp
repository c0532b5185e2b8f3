# RUN: cppetc parse %s | FileCheck %s
$a = @(END)
  Hello
  World
  | END
$b = @("END"/tn)
    x is ${x}\tand $y\n
    done
    |- END
$c = [@(ONE), @(TWO)]
first
ONE
second
TWO
notice($a)
$d = @(E:json/L)
  line \
  joined
  -E

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (LiteralString "Hello\nWorld\n"))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (ConcatString
# CHECK-NEXT: (LiteralString "x is ")
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralString "\tand ")
# CHECK-NEXT: (Variable $y)
# CHECK-NEXT: (LiteralString "\n\ndone")))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $c)
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (LiteralString "first\n")
# CHECK-NEXT: (LiteralString "second\n")))
# CHECK-NEXT: (Call notice
# CHECK-NEXT: (Variable $a))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $d)
# CHECK-NEXT: (LiteralString "  line   joined")))
