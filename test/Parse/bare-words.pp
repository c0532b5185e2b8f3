# RUN: cppetc parse %s | FileCheck %s
package { openssh-server: ensure => present }
$x = foo
(1 + 2)
$y = site
notice(_x)

# CHECK: (Block
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName package)
# CHECK-NEXT: (Body
# CHECK-NEXT: (QualifiedName openssh-server)
# CHECK-NEXT: (Attribute ensure =>
# CHECK-NEXT: (QualifiedName present))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (QualifiedName foo))
# CHECK-NEXT: (Binary +
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $y)
# CHECK-NEXT: (QualifiedName site))
# CHECK-NEXT: (Call notice
# CHECK-NEXT: (QualifiedName _x)))
