# RUN: not cppetc check %s 2>&1 | FileCheck %s
# A hash literal cannot start a statement that follows another statement.
$x = 1
# CHECK: syntax-error-hash-statement.pp:[[@LINE+1]]:1: error: Syntax error at '{'
{ 'a' => 1 }
