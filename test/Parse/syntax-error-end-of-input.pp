# RUN: not cppetc check %s 2>&1 | FileCheck %s
# CHECK: syntax-error-end-of-input.pp:[[@LINE+2]]:1: error: Syntax error at end of input
class unfinished {
