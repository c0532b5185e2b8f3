# RUN: cppetc parse %s | FileCheck %s
Package['a'] -> File['b'] ~> Service['c']
Service['c'] <- File['b'] <~ Package['a']
package { 'ntp': ensure => installed } -> file { '/etc/ntp.conf': } ~> service { 'ntpd': }
$x = [File['a'], File['b']] -> Exec['c']

# CHECK: (Block
# CHECK-NEXT: (Relationship ~>
# CHECK-NEXT: (Relationship ->
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Package)
# CHECK-NEXT: (LiteralString "a"))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference File)
# CHECK-NEXT: (LiteralString "b")))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Service)
# CHECK-NEXT: (LiteralString "c")))
# CHECK-NEXT: (Relationship <~
# CHECK-NEXT: (Relationship <-
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Service)
# CHECK-NEXT: (LiteralString "c"))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference File)
# CHECK-NEXT: (LiteralString "b")))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Package)
# CHECK-NEXT: (LiteralString "a")))
# CHECK-NEXT: (Relationship ~>
# CHECK-NEXT: (Relationship ->
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName package)
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "ntp")
# CHECK-NEXT: (Attribute ensure =>
# CHECK-NEXT: (QualifiedName installed))))
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName file)
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "/etc/ntp.conf"))))
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName service)
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "ntpd"))))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (Relationship ->
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference File)
# CHECK-NEXT: (LiteralString "a"))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference File)
# CHECK-NEXT: (LiteralString "b")))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Exec)
# CHECK-NEXT: (LiteralString "c")))))
