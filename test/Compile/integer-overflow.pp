# Integer arithmetic that leaves the 64-bit range is an error, as in Puppet.
# RUN: not cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
$y = 9223372036854775807 + 1
# CHECK: integer-overflow.pp:3:6: error: A '+' expression resulted in a value outside of Puppet Integer max range
