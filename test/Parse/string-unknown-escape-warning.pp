# RUN: cppetc check %s 2>&1 | FileCheck %s
# An unknown escape in a double-quoted string keeps its backslash and warns.
# CHECK: string-unknown-escape-warning.pp:[[@LINE+1]]:10: warning: Unrecognized escape sequence '\d'
$x = "^a-\d+$"
# CHECK-NOT: error
