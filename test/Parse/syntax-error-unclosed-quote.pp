# RUN: not cppetc check %s 2>&1 | FileCheck %s
# CHECK: syntax-error-unclosed-quote.pp:[[@LINE+2]]:6: error: Unclosed quote after '"' followed by 'abc'
# CHECK-NOT: error
$x = "abc
$y = 1
