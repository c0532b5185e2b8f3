# RUN: not cppetc check %s 2>&1 | FileCheck %s
# A hash literal cannot start a statement that follows another statement;
# like Puppet 7.23, the error names the `=>` (the brace reads as a body).
$x = 1
# CHECK: syntax-error-hash-statement.pp:[[@LINE+1]]:7: error: Syntax error at '=>'
{ 'a' => 1 }
