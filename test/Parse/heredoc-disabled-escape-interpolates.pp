# In a heredoc whose flags do not enable `\$`, the backslash stays and the
# `$` still starts an interpolation (Puppet 7.23, str_heredoc_escapes).
# RUN: cppetc parse %s | FileCheck %s
$a = @("A"/t)
x\t\$v
|- A
# CHECK: (ConcatString
# CHECK-NEXT: (LiteralString "x\t\\")
# CHECK-NEXT: (Variable {{[$]}}v)
