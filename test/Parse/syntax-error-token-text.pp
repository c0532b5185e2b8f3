# RUN: not cppetc check %s 2>&1 | FileCheck %s
# Tokens are named as Puppet names them: strings by their text, variables
# by their name.
# CHECK: syntax-error-token-text.pp:[[@LINE+1]]:14: error: Syntax error at 'y'
notify { 'x' 'y' }
# CHECK: syntax-error-token-text.pp:[[@LINE+1]]:14: error: Syntax error at 'pre '
notify { "x" "pre ${z}" }
# CHECK: syntax-error-token-text.pp:[[@LINE+1]]:9: error: Syntax error at 'v'
$x = [1 $v]
