# RUN: cppetc parse %s | FileCheck %s
if $a { 1 } elsif $b { 2 } elsif $c { 3 } else { 4 }
unless $x == 5 { $r = 'no' } else { $r = 'yes' }
$v = if $n > 3 { 'big' }
case $facts['os']['family'] {
  'Debian', 'Ubuntu': { $p = 'apt' }
  /^(RedHat|CentOS)$/: { $p = 'yum' }
  default: { }
}
$s = $os ? {
  'debian'      => 'apt',
  /^redhat/     => 'yum',
  ['a', 'b']    => 'list',
  default       => undef,
}

# CHECK: (Block
# CHECK-NEXT: (If
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (Block
# CHECK-NEXT: (LiteralInteger 1))
# CHECK-NEXT: (Else
# CHECK-NEXT: (If
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (Block
# CHECK-NEXT: (LiteralInteger 2))
# CHECK-NEXT: (Else
# CHECK-NEXT: (If
# CHECK-NEXT: (Variable $c)
# CHECK-NEXT: (Block
# CHECK-NEXT: (LiteralInteger 3))
# CHECK-NEXT: (Else
# CHECK-NEXT: (Block
# CHECK-NEXT: (LiteralInteger 4))))))))
# CHECK-NEXT: (If unless
# CHECK-NEXT: (Binary ==
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralInteger 5))
# CHECK-NEXT: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $r)
# CHECK-NEXT: (LiteralString "no")))
# CHECK-NEXT: (Else
# CHECK-NEXT: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $r)
# CHECK-NEXT: (LiteralString "yes")))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $v)
# CHECK-NEXT: (If
# CHECK-NEXT: (Binary >
# CHECK-NEXT: (Variable $n)
# CHECK-NEXT: (LiteralInteger 3))
# CHECK-NEXT: (Block
# CHECK-NEXT: (LiteralString "big"))))
# CHECK-NEXT: (Case
# CHECK-NEXT: (Access
# CHECK-NEXT: (Access
# CHECK-NEXT: (Variable $facts)
# CHECK-NEXT: (LiteralString "os"))
# CHECK-NEXT: (LiteralString "family"))
# CHECK-NEXT: (Option
# CHECK-NEXT: (LiteralString "Debian")
# CHECK-NEXT: (LiteralString "Ubuntu")
# CHECK-NEXT: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $p)
# CHECK-NEXT: (LiteralString "apt"))))
# CHECK-NEXT: (Option
# CHECK-NEXT: (LiteralRegex /^(RedHat|CentOS)$/)
# CHECK-NEXT: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $p)
# CHECK-NEXT: (LiteralString "yum"))))
# CHECK-NEXT: (Option
# CHECK-NEXT: (LiteralDefault)
# CHECK-NEXT: (Block)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $s)
# CHECK-NEXT: (Selector
# CHECK-NEXT: (Variable $os)
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralString "debian")
# CHECK-NEXT: (LiteralString "apt"))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralRegex /^redhat/)
# CHECK-NEXT: (LiteralString "yum"))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (LiteralString "a")
# CHECK-NEXT: (LiteralString "b"))
# CHECK-NEXT: (LiteralString "list"))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralDefault)
# CHECK-NEXT: (LiteralUndef)))))
