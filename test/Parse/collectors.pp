# RUN: cppetc parse %s | FileCheck %s
User <| |>
User <| title == 'luke' |>
Host <<| tag == 'web' and (ip != '1.2.3.4' or title == $x) |>>
Package <| tag == [a, b] or ensure == undef and name == 1 |>
File <| tag == 'cfg' |> { mode => '0600', owner +> 'x' }
Package <| |> -> Service <| title == 'svc' |>
Yumrepo <| |> -> Package <| provider != rpm |> ~> Exec['x']

# CHECK: (Block
# CHECK-NEXT: (Collector
# CHECK-NEXT: (QualifiedReference User))
# CHECK-NEXT: (Collector
# CHECK-NEXT: (QualifiedReference User)
# CHECK-NEXT: (QueryOp == title
# CHECK-NEXT: (LiteralString "luke")))
# CHECK-NEXT: (Collector exported
# CHECK-NEXT: (QualifiedReference Host)
# CHECK-NEXT: (QueryOp and
# CHECK-NEXT: (QueryOp == tag
# CHECK-NEXT: (LiteralString "web"))
# CHECK-NEXT: (QueryOp ()
# CHECK-NEXT: (QueryOp or
# CHECK-NEXT: (QueryOp != ip
# CHECK-NEXT: (LiteralString "1.2.3.4"))
# CHECK-NEXT: (QueryOp == title
# CHECK-NEXT: (Variable $x))))))
# CHECK-NEXT: (Collector
# CHECK-NEXT: (QualifiedReference Package)
# CHECK-NEXT: (QueryOp or
# CHECK-NEXT: (QueryOp == tag
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (QualifiedName a)
# CHECK-NEXT: (QualifiedName b)))
# CHECK-NEXT: (QueryOp and
# CHECK-NEXT: (QueryOp == ensure
# CHECK-NEXT: (LiteralUndef))
# CHECK-NEXT: (QueryOp == name
# CHECK-NEXT: (LiteralInteger 1)))))
# CHECK-NEXT: (Collector
# CHECK-NEXT: (QualifiedReference File)
# CHECK-NEXT: (QueryOp == tag
# CHECK-NEXT: (LiteralString "cfg"))
# CHECK-NEXT: (Overrides
# CHECK-NEXT: (Attribute mode =>
# CHECK-NEXT: (LiteralString "0600"))
# CHECK-NEXT: (Attribute owner +>
# CHECK-NEXT: (LiteralString "x"))))
# CHECK-NEXT: (Relationship ->
# CHECK-NEXT: (Collector
# CHECK-NEXT: (QualifiedReference Package))
# CHECK-NEXT: (Collector
# CHECK-NEXT: (QualifiedReference Service)
# CHECK-NEXT: (QueryOp == title
# CHECK-NEXT: (LiteralString "svc"))))
# CHECK-NEXT: (Relationship ~>
# CHECK-NEXT: (Relationship ->
# CHECK-NEXT: (Collector
# CHECK-NEXT: (QualifiedReference Yumrepo))
# CHECK-NEXT: (Collector
# CHECK-NEXT: (QualifiedReference Package)
# CHECK-NEXT: (QueryOp != provider
# CHECK-NEXT: (QualifiedName rpm))))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Exec)
# CHECK-NEXT: (LiteralString "x"))))
