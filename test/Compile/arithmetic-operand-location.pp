# An operand that cannot be converted to a number is located at that
# operand, as Puppet 7.23 locates it (columns as it reports them).
# RUN: not cppetc compile --node n1 --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
# RUN: echo "notice('abc' * 2)" > %t.pp
# RUN: not cppetc compile --node n1 --manifest %t.pp --facts %inputs/facts.json 2>&1 | FileCheck %s --check-prefix=LEFT
notice(1 + 'abc')
# CHECK: arithmetic-operand-location.pp:6:12: error: The value 'abc' cannot be converted to Numeric.
# LEFT: .pp:1:8: error: The value 'abc' cannot be converted to Numeric.
