# RUN: cppetc parse %s | FileCheck %s
$x = "${type['a']} ${class.upcase}"
$h = { type => 1, class => 2, default => 3, true => 4 }

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (ConcatString
# CHECK-NEXT: (Access
# CHECK-NEXT: (Variable $type)
# CHECK-NEXT: (LiteralString "a"))
# CHECK-NEXT: (LiteralString " ")
# CHECK-NEXT: (MethodCall upcase
# CHECK-NEXT: (Variable $class))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $h)
# CHECK-NEXT: (LiteralHash
# CHECK-NEXT: (Entry
# CHECK-NEXT: (QualifiedName type)
# CHECK-NEXT: (LiteralInteger 1))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (QualifiedName class)
# CHECK-NEXT: (LiteralInteger 2))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralDefault)
# CHECK-NEXT: (LiteralInteger 3))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralBoolean true)
# CHECK-NEXT: (LiteralInteger 4)))))
