# RUN: not cppetc check %s 2>&1 | FileCheck %s
# CHECK: syntax-error-unclosed-comment.pp:[[@LINE+1]]:8: error: Unclosed multiline comment
$x = 1 /* never closed
