# `;` separates statements: before `}` or the end of the file it is a
# syntax error, as in Puppet 7.23; inside resource bodies it is fine.
# RUN: not cppetc check %s 2>&1 | FileCheck %s
notify { 'x': message => 1; }
class a { $x = 1; }
$b = 2;
# CHECK: error-trailing-semicolon.pp:5:19: error: Syntax error at '}'
# CHECK: error-trailing-semicolon.pp:{{[0-9]+}}:{{[0-9]+}}: error: Syntax error at end of input
