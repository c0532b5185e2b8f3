# Under --strict, a variable that no scope in reach assigns is reported;
# parameters, earlier assignments, top-scope variables and qualified names
# are fine.
# RUN: cppetc check --strict %s 2>&1 | FileCheck %s
$top = 1
class foo ($p) {
  $local = 2
  notice("${p} ${local} ${top} ${other::var} ${facts['x']}")
  notice($nowhere)
}
# CHECK-NOT: '$p'
# CHECK: check-unknown-variable.pp:9:10: warning: Unknown variable: '$nowhere'
