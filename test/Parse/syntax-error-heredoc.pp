# RUN: not cppetc check %s 2>&1 | FileCheck %s
# CHECK: syntax-error-heredoc.pp:[[@LINE+1]]:6: error: Heredoc without end-tagged line 'END'
$x = @(END)
text
