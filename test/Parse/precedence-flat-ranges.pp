# RUN: cppetc parse --ranges %s | FileCheck %s
# Operators nest by precedence; each node spans its operands' tokens, parens
# included; `-` after a value on the next line is still binary.
$a = (1) + 2 * $b[0] - 3
$c = $x ? { 1 => 2 }[0] + (4)
$d = $x
-1

# CHECK: (Assignment <4:1-4:25>
# CHECK-NEXT: (Variable $a <4:1-4:3>)
# CHECK-NEXT: (Binary - <4:6-4:25>
# CHECK-NEXT: (Binary + <4:6-4:21>
# CHECK-NEXT: (LiteralInteger 1 <4:7-4:8>)
# CHECK-NEXT: (Binary * <4:12-4:21>
# CHECK-NEXT: (LiteralInteger 2 <4:12-4:13>)
# CHECK-NEXT: (Access <4:16-4:21>
# CHECK-NEXT: (Variable $b <4:16-4:18>)
# CHECK-NEXT: (LiteralInteger 0 <4:19-4:20>))))
# CHECK-NEXT: (LiteralInteger 3 <4:24-4:25>)))
# CHECK-NEXT: (Assignment <5:1-5:30>
# CHECK-NEXT: (Variable $c <5:1-5:3>)
# CHECK-NEXT: (Binary + <5:6-5:30>
# CHECK-NEXT: (Access <5:6-5:24>
# CHECK-NEXT: (Selector <5:6-5:21>
# CHECK-NEXT: (Variable $x <5:6-5:8>)
# CHECK-NEXT: (Entry
# CHECK-NEXT: (LiteralInteger 1 <5:13-5:14>)
# CHECK-NEXT: (LiteralInteger 2 <5:18-5:19>)))
# CHECK-NEXT: (LiteralInteger 0 <5:22-5:23>))
# CHECK-NEXT: (LiteralInteger 4 <5:28-5:29>)))
# CHECK-NEXT: (Assignment <6:1-7:3>
# CHECK-NEXT: (Variable $d <6:1-6:3>)
# CHECK-NEXT: (Binary - <6:6-7:3>
# CHECK-NEXT: (Variable $x <6:6-6:8>)
# CHECK-NEXT: (LiteralInteger 1 <7:2-7:3>))))
