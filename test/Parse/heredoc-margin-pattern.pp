# RUN: cppetc parse %s | FileCheck %s
# Lines that do not start with the margin keep their indentation (as Puppet).
$a = @(END)
      XXX
        YYY
    Z
       | END
$b = @(END/L)
  joined \
  line
  |- END
$c = [@(A), @(B)].join(",")
  a
  | A
  b
  | B

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (LiteralString "      XXX\n YYY\n    Z\n"))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (LiteralString "joined line"))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $c)
# CHECK-NEXT: (MethodCall join
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (LiteralString "a\n")
# CHECK-NEXT: (LiteralString "b\n"))
# CHECK-NEXT: (LiteralString ","))))
