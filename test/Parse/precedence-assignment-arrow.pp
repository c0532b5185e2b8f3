# RUN: cppetc parse %s | FileCheck %s
# As in Puppet 7: `=` binds looser than relationship arrows.
$z = $a = File['x'] -> File['y']

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $z)
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (Relationship ->
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference File)
# CHECK-NEXT: (LiteralString "x"))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference File)
# CHECK-NEXT: (LiteralString "y"))))))
