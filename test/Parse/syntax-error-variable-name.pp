# RUN: not cppetc check %s 2>&1 | FileCheck %s
$ok = [$_x, $x::_y, $0, $10, $::top, $a::b, $aB]
# CHECK: syntax-error-variable-name.pp:[[@LINE+1]]:6: error: Illegal variable name, The given name 'Ab' does not conform
$a = $Ab
# CHECK: syntax-error-variable-name.pp:[[@LINE+1]]:6: error: Illegal variable name, The given name '00'
$c = $00
# CHECK-NOT: error
