# RUN: cppetc parse %s | FileCheck %s
$a = @("END":text/ts)
      two-space indent kept beyond the margin
    tab\tspace\s$x \n not-enabled
    | END
$b = @(END/$)
  \$ and $notinterpolated
  END
$c = @(END)
no escapes \t here
-END
notice([@(A), @(B)], 'after')
a-body
|-A
b-body
|-B
$d = 'next'

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (ConcatString
# CHECK-NEXT: (LiteralString "  two-space indent kept beyond the margin\ntab\tspace ")
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralString " \\n not-enabled\n")))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (LiteralString "  $ and $notinterpolated\n"))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $c)
# CHECK-NEXT: (LiteralString "no escapes \\t here"))
# CHECK-NEXT: (Call notice
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (LiteralString "a-body")
# CHECK-NEXT: (LiteralString "b-body"))
# CHECK-NEXT: (LiteralString "after"))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $d)
# CHECK-NEXT: (LiteralString "next")))
