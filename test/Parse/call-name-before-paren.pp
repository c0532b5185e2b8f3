# RUN: cppetc parse %s | FileCheck %s
# A word right before `(` on the same line names a call (the lexer retags it
# CALL_NAME/CALL_REF); the same word elsewhere keeps its role.
$a = foo (1)
$b = foo
(2)
$c = $x.type('y')
$d = $x.join (',')
$e = Integer ($x)
$f = type ($x)
class c1 ($p = 1) { }
define d1($p) { }
function f1 ($p) { }

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (Call foo
# CHECK-NEXT: (LiteralInteger 1)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (QualifiedName foo))
# CHECK-NEXT: (LiteralInteger 2)
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $c)
# CHECK-NEXT: (MethodCall type
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralString "y")))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $d)
# CHECK-NEXT: (MethodCall join
# CHECK-NEXT: (Variable $x)
# CHECK-NEXT: (LiteralString ",")))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $e)
# CHECK-NEXT: (Call Integer
# CHECK-NEXT: (Variable $x)))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $f)
# CHECK-NEXT: (Call type
# CHECK-NEXT: (Variable $x)))
# CHECK-NEXT: (ClassDef c1
# CHECK-NEXT: (Parameter $p
# CHECK-NEXT: (Default
# CHECK-NEXT: (LiteralInteger 1)))
# CHECK-NEXT: (Block))
# CHECK-NEXT: (DefineDef d1
# CHECK-NEXT: (Parameter $p)
# CHECK-NEXT: (Block))
# CHECK-NEXT: (FunctionDef f1
# CHECK-NEXT: (Parameter $p)
# CHECK-NEXT: (Block))
