# RUN: cppetc parse %s | FileCheck %s
# A brace after a reference's `[...]` keys (or a collector) where a statement
# may start makes a resource expression: an override when an attribute or
# `}` follows it, else a declaration of the type `Resource['file']`. After an
# operator or a condition's keyword it is the block of that condition.
Service['ntp'] { ensure => stopped }
Service['ntp'] {}
Resource['file'] { '/tmp/x': ensure => file }
Service <| tag == 'x' |> { ensure => running }
Service['a'] -> Service['b']
if $x =~ Array[String] { notice(1) }
unless Foo['a'] { }
case Array[Integer] { default: {} }

# CHECK: (Block
# CHECK-NEXT: (ResourceOverride
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Service)
# CHECK-NEXT: (LiteralString "ntp"))
# CHECK-NEXT: (Attribute ensure =>
# CHECK-NEXT: (QualifiedName stopped)))
# CHECK-NEXT: (ResourceOverride
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Service)
# CHECK-NEXT: (LiteralString "ntp")))
# CHECK-NEXT: (Resource
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Resource)
# CHECK-NEXT: (LiteralString "file"))
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "/tmp/x")
# CHECK-NEXT: (Attribute ensure =>
# CHECK-NEXT: (QualifiedName file))))
# CHECK-NEXT: (Collector
# CHECK-NEXT: (QualifiedReference Service)
# CHECK-NEXT: (QueryOp == tag
# CHECK-NEXT: (LiteralString "x"))
# CHECK-NEXT: (Overrides
# CHECK-NEXT: (Attribute ensure =>
# CHECK-NEXT: (QualifiedName running))))
# CHECK-NEXT: (Relationship ->
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Service)
# CHECK-NEXT: (LiteralString "a"))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Service)
# CHECK-NEXT: (LiteralString "b")))
# CHECK-NEXT: (If
# CHECK-NEXT: (Binary =~
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Array)
# CHECK-NEXT: (QualifiedReference String)))
# CHECK-NEXT: (Block
# CHECK-NEXT: (Call notice
# CHECK-NEXT: (LiteralInteger 1))))
# CHECK-NEXT: (If unless
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Foo)
# CHECK-NEXT: (LiteralString "a"))
# CHECK-NEXT: (Block))
# CHECK-NEXT: (Case
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Array)
# CHECK-NEXT: (QualifiedReference Integer))
# CHECK-NEXT: (Option
# CHECK-NEXT: (LiteralDefault)
# CHECK-NEXT: (Block))))
