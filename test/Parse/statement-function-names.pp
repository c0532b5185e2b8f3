# RUN: cppetc parse %s | FileCheck %s
# Statement functions (include, notice...) are called without parentheses
# at the start of a statement; elsewhere their names are plain words.
include foo, bar
notice -1
$a = notice
tag { 'x': }
file { '/x': require => Package['p'], tag => 'y' }
User <| tag == 'web' |>
$b = $c.tag
notice.foo

# CHECK: (Block
# CHECK-NEXT: (Call include noparens
# CHECK-NEXT: (QualifiedName foo)
# CHECK-NEXT: (QualifiedName bar))
# CHECK-NEXT: (Call notice noparens
# CHECK-NEXT: (LiteralInteger -1))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (QualifiedName notice))
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName tag)
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "x")))
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName file)
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "/x")
# CHECK-NEXT: (Attribute require =>
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Package)
# CHECK-NEXT: (LiteralString "p")))
# CHECK-NEXT: (Attribute tag =>
# CHECK-NEXT: (LiteralString "y"))))
# CHECK-NEXT: (Collector
# CHECK-NEXT: (QualifiedReference User)
# CHECK-NEXT: (QueryOp == tag
# CHECK-NEXT: (LiteralString "web")))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (MethodCall tag
# CHECK-NEXT: (Variable $c)))
# CHECK-NEXT: (MethodCall foo
# CHECK-NEXT: (QualifiedName notice)))
