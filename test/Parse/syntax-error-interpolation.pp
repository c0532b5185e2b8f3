# RUN: not cppetc check %s 2>&1 | FileCheck %s
# Errors inside ${...} point into the file.
# CHECK: syntax-error-interpolation.pp:[[@LINE+1]]:23: error: Syntax error at ')'
$x = "value: ${foo(1 )) }"
