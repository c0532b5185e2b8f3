# RUN: cppetc parse --ranges %s | FileCheck %s
# Ranges of nodes inside ${...} and heredocs point into the file.
$x = "a ${b[0]} $c"
notify { "t": message => @(E) }
  body
  | E
$z = 1

# CHECK: (Block
# CHECK-NEXT: (Assignment <3:1-3:20>
# CHECK-NEXT: (Variable $x <3:1-3:3>)
# CHECK-NEXT: (ConcatString <3:6-3:20>
# CHECK-NEXT: (LiteralString "a " <3:7-3:9>)
# CHECK-NEXT: (Access <3:11-3:15>
# CHECK-NEXT: (Variable $b <3:11-3:12>)
# CHECK-NEXT: (LiteralInteger 0 <3:13-3:14>))
# CHECK-NEXT: (LiteralString " " <3:16-3:17>)
# CHECK-NEXT: (Variable $c <3:17-3:19>)))
# CHECK-NEXT: (Resource <4:1-4:32>
# CHECK-NEXT: (QualifiedName notify <4:1-4:7>)
# CHECK-NEXT: (Body <4:10-4:30>
# CHECK-NEXT: (LiteralString "t" <4:10-4:13>)
# CHECK-NEXT: (Attribute message => <4:15-4:30>
# CHECK-NEXT: (LiteralString "body\n" <4:26-4:30>))))
# CHECK-NEXT: (Assignment <7:1-7:7>
# CHECK-NEXT: (Variable $z <7:1-7:3>)
# CHECK-NEXT: (LiteralInteger 1 <7:6-7:7>)))
