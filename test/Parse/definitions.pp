# RUN: cppetc parse %s | FileCheck %s
class apache::mod($port = 80, Optional[String] $docroot = undef) inherits ::apache::params {
  class nested { }
}
define apache::vhost(String $servername, Integer[1, 65535] $port, *$rest) {
  notify { $title: }
}
node 'Web1.Example.com', "db2", web3.example.com, 192.168.1.10, /^app\d+$/, default inherits base {
  include role::web
}
node basenode { }
function mymod::double(Integer $x) >> Integer { $x * 2 }
function plain { }
type Mymod::Port = Integer[1, 65535]
type Mymod::Rec = Struct[{ name => String, Optional[age] => Integer }]

# CHECK: (Block
# CHECK-NEXT: (ClassDef apache::mod inherits apache::params
# CHECK-NEXT: (Parameter $port
# CHECK-NEXT: (Default
# CHECK-NEXT: (LiteralInteger 80)))
# CHECK-NEXT: (Parameter $docroot
# CHECK-NEXT: (Type
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Optional)
# CHECK-NEXT: (QualifiedReference String)))
# CHECK-NEXT: (Default
# CHECK-NEXT: (LiteralUndef)))
# CHECK-NEXT: (Block
# CHECK-NEXT: (ClassDef nested
# CHECK-NEXT: (Block))))
# CHECK-NEXT: (DefineDef apache::vhost
# CHECK-NEXT: (Parameter $servername
# CHECK-NEXT: (Type
# CHECK-NEXT: (QualifiedReference String)))
# CHECK-NEXT: (Parameter $port
# CHECK-NEXT: (Type
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Integer)
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 65535))))
# CHECK-NEXT: (Parameter *$rest)
# CHECK-NEXT: (Block
# CHECK-NEXT: (Resource
# CHECK-NEXT: (QualifiedName notify)
# CHECK-NEXT: (Body
# CHECK-NEXT: (Variable $title)))))
# CHECK-NEXT: (NodeDef "web1.example.com" "db2" "web3.example.com" "192.168.1.10" /^app\d+$/ default inherits "base"
# CHECK-NEXT: (Block
# CHECK-NEXT: (Call include noparens
# CHECK-NEXT: (QualifiedName role::web))))
# CHECK-NEXT: (NodeDef "basenode"
# CHECK-NEXT: (Block))
# CHECK-NEXT: (FunctionDef mymod::double
# CHECK-NEXT: (Parameter $x
# CHECK-NEXT: (Type
# CHECK-NEXT: (QualifiedReference Integer)))
# CHECK-NEXT: (Returns
# CHECK-NEXT: (QualifiedReference Integer))
# CHECK-NEXT: (Block
# CHECK-NEXT: (Binary *
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralInteger 2))))
# CHECK-NEXT: (FunctionDef plain
# CHECK-NEXT: (Block))
# CHECK-NEXT: (TypeAlias Mymod::Port
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Integer)
# CHECK-NEXT: (LiteralInteger 1)
# CHECK-NEXT: (LiteralInteger 65535)))
# CHECK-NEXT: (TypeAlias Mymod::Rec
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Struct)
# CHECK-NEXT: (LiteralHash
# CHECK-NEXT: (Entry
# CHECK-NEXT: (QualifiedName name)
# CHECK-NEXT: (QualifiedReference String))
# CHECK-NEXT: (Entry
# CHECK-NEXT: (Access
# CHECK-NEXT: (QualifiedReference Optional)
# CHECK-NEXT: (QualifiedName age))
# CHECK-NEXT: (QualifiedReference Integer))))))
