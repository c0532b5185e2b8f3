# Assigning to $facts, $trusted or a match variable is an error.
# RUN: not cppetc check %s 2>&1 | FileCheck %s
$facts = 1
$0 = 'x'
# CHECK: check-reserved-variable.pp:3:1: error: Attempt to assign to a reserved variable name: '$facts'
# CHECK: check-reserved-variable.pp:4:1: error: Illegal attempt to assign to 'a Match Variable'
