# RUN: not cppetc check %s 2>&1 | FileCheck %s
class broken {
  # CHECK: syntax-error-missing-colon.pp:[[@LINE+1]]:16: error: Syntax error at 'message'
  notify { 'x' message => 'missing colon' }
}
# CHECK-NOT: error
