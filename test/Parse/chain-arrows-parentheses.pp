# RUN: cppetc parse %s | FileCheck %s
# Arrows join the operands of a statement (chaining to the left) and the
# expressions in parentheses, which group.
notify { 'a': } -> Notify['b'] ~> Notify['c']
Notify['d'] <- (Notify['e'] <~ Notify['f'])

# CHECK: (Block
# CHECK-NEXT: (Relationship ~>
# CHECK-NEXT: (Relationship ->
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName notify)
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "a")))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Notify)
# CHECK-NEXT: (LiteralString "b")))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Notify)
# CHECK-NEXT: (LiteralString "c")))
# CHECK-NEXT: (Relationship <-
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Notify)
# CHECK-NEXT: (LiteralString "d"))
# CHECK-NEXT: (Relationship <~
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Notify)
# CHECK-NEXT: (LiteralString "e"))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Notify)
# CHECK-NEXT: (LiteralString "f")))))
