# RUN: cppetc parse %s | FileCheck %s
$a = "tab\there\nnl\rcr\sspace \$dollar \"dq\" \'sq\' \\ back \q unknown"
$b = "\u00e9 \u{1F600} \u{41}"
$c = 'no $interp ${here} \t'

# CHECK: (Block
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $a)
# CHECK-NEXT: (LiteralString "tab\there\nnl\rcr space $dollar \"dq\" 'sq' \\ back \\q unknown"))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $b)
# CHECK-NEXT: (LiteralString "é 😀 A"))
# CHECK-NEXT: (Assignment
# CHECK-NEXT: (Variable $c)
# CHECK-NEXT: (LiteralString "no $interp ${here} \\t")))
