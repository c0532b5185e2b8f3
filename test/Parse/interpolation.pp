# RUN: cppetc parse %s | FileCheck %s
$a = "v=$x q=$::fqdn n=$a::b::c d=$0 lit=$x[1] tail$"
$b = "${x} ${x[0]} ${x['k'][0]} ${x.upcase} ${facts['os']['family']}"
$c = "${::hostname} ${1 + 2} ${arr.join('-')} ${$y} ${site} ${0}"
$d = "nested ${ "in ${z}" } done"

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (ConcatString
# CHECK-NEXT: (LiteralString "v=")
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralString " q=")
# CHECK-NEXT: (Variable $::fqdn)
# CHECK-NEXT: (LiteralString " n=")
# CHECK-NEXT: (Variable $a::b::c)
# CHECK-NEXT: (LiteralString " d=")
# CHECK-NEXT: (Variable $0)
# CHECK-NEXT: (LiteralString " lit=")
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralString "[1] tail$")))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (ConcatString
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralString " ")
# CHECK-NEXT: (Access
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralInteger 0))
# CHECK-NEXT: (LiteralString " ")
# CHECK-NEXT: (Access
# CHECK-NEXT: (Access
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralString "k"))
# CHECK-NEXT: (LiteralInteger 0))
# CHECK-NEXT: (LiteralString " ")
# CHECK-NEXT: (MethodCall upcase
# CHECK-NEXT: (Variable $x))
# CHECK-NEXT: (LiteralString " ")
# CHECK-NEXT: (Access
# CHECK-NEXT: (Access
# CHECK-NEXT: (Variable $facts)
# CHECK-NEXT: (LiteralString "os"))
# CHECK-NEXT: (LiteralString "family"))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $c)
# CHECK-NEXT: (ConcatString
# CHECK-NEXT: (Variable $::hostname)
# CHECK-NEXT: (LiteralString " ")
# CHECK-NEXT: (Binary +
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 2))
# CHECK-NEXT: (LiteralString " ")
# CHECK-NEXT: (MethodCall join
# CHECK-NEXT: (Variable $arr)
# CHECK-NEXT: (LiteralString "-"))
# CHECK-NEXT: (LiteralString " ")
# CHECK-NEXT: (Variable $y)
# CHECK-NEXT: (LiteralString " ")
# CHECK-NEXT: (Variable $site)
# CHECK-NEXT: (LiteralString " ")
# CHECK-NEXT: (Variable $0)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $d)
# CHECK-NEXT: (ConcatString
# CHECK-NEXT: (LiteralString "nested ")
# CHECK-NEXT: (ConcatString
# CHECK-NEXT: (LiteralString "in ")
# CHECK-NEXT: (Variable $z))
# CHECK-NEXT: (LiteralString " done"))))
