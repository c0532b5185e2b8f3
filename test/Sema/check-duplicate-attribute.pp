# cppetc check reports an attribute set twice and a parameter declared twice.
# RUN: not cppetc check %s 2>&1 | FileCheck %s
class foo ($a, $a) {
  notify { 'x': message => $a, message => 'b' }
}
# CHECK: check-duplicate-attribute.pp:3:16: error: The parameter 'a' is declared more than once
# CHECK: check-duplicate-attribute.pp:4:32: error: The attribute 'message' has already been set
