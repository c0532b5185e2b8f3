# RUN: not cppetc check %s 2>&1 | FileCheck %s
# CHECK: syntax-error-numbers.pp:[[@LINE+1]]:6: error: Illegal number '1foo'
$a = 1foo
# CHECK: syntax-error-numbers.pp:[[@LINE+1]]:6: error: Illegal number '0x'
$b = 0x
# CHECK: syntax-error-numbers.pp:[[@LINE+1]]:6: error: Not a valid octal number '09'
$c = 09
