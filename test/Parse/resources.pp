# RUN: cppetc parse %s | FileCheck %s
file { '/tmp/a':
  ensure  => file,
  content => "x",
  require => Package['p'],
  unless  => 'test',
  tag     +> ['t'],
  *       => $extra;
  ['/tmp/b', "/tmp/${c}"]:
    mode => '0644';
  default:
    owner => root,
}
class { 'apache': version => '2.4' }
class { '::ntp': }
@user { 'luke': uid => 1 }
@@host { $fqdn: ip => $ip }
mod::thing { 'x': }
Resource[file] { '/tmp/r': }
File { mode => '0600' }
File['/tmp/a'] { owner => 'bin' }
Service['a', 'b'] { ensure => stopped }
Class['x'] -> File['y']

# CHECK: (Block
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName file)
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "/tmp/a")
# CHECK-NEXT: (Attribute ensure =>
# CHECK-NEXT: (QualifiedName file))
# CHECK-NEXT: (Attribute content =>
# CHECK-NEXT: (LiteralString "x"))
# CHECK-NEXT: (Attribute require =>
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Package)
# CHECK-NEXT: (LiteralString "p")))
# CHECK-NEXT: (Attribute unless =>
# CHECK-NEXT: (LiteralString "test"))
# CHECK-NEXT: (Attribute tag +>
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (LiteralString "t")))
# CHECK-NEXT: (Attribute * =>
# CHECK-NEXT: (Variable $extra)))
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralArray
# CHECK-NEXT: (LiteralString "/tmp/b")
# CHECK-NEXT: (ConcatString
# CHECK-NEXT: (LiteralString "/tmp/")
# CHECK-NEXT: (Variable $c)))
# CHECK-NEXT: (Attribute mode =>
# CHECK-NEXT: (LiteralString "0644")))
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralDefault)
# CHECK-NEXT: (Attribute owner =>
# CHECK-NEXT: (QualifiedName root))))
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName class)
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "apache")
# CHECK-NEXT: (Attribute version =>
# CHECK-NEXT: (LiteralString "2.4"))))
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName class)
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "::ntp")))
# CHECK-NEXT: (Resource virtual
# CHECK-NEXT: (QualifiedName user)
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "luke")
# CHECK-NEXT: (Attribute uid =>
# CHECK-NEXT: (LiteralInteger 1))))
# CHECK-NEXT: (Resource exported
# CHECK-NEXT: (QualifiedName host)
# CHECK-NEXT: (Body
# CHECK-NEXT: (Variable $fqdn)
# CHECK-NEXT: (Attribute ip =>
# CHECK-NEXT: (Variable $ip))))
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName mod::thing)
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "x")))
# CHECK-NEXT: (Resource
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Resource)
# CHECK-NEXT: (QualifiedName file))
# CHECK-NEXT: (Body
# CHECK-NEXT: (LiteralString "/tmp/r")))
# CHECK-NEXT: (ResourceDefaults
# CHECK-NEXT: (QualifiedReference File)
# CHECK-NEXT: (Attribute mode =>
# CHECK-NEXT: (LiteralString "0600")))
# CHECK-NEXT: (ResourceOverride
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference File)
# CHECK-NEXT: (LiteralString "/tmp/a"))
# CHECK-NEXT: (Attribute owner =>
# CHECK-NEXT: (LiteralString "bin")))
# CHECK-NEXT: (ResourceOverride
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Service)
# CHECK-NEXT: (LiteralString "a")
# CHECK-NEXT: (LiteralString "b"))
# CHECK-NEXT: (Attribute ensure =>
# CHECK-NEXT: (QualifiedName stopped)))
# CHECK-NEXT: (Relationship ->
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Class)
# CHECK-NEXT: (LiteralString "x"))
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference File)
# CHECK-NEXT: (LiteralString "y"))))
