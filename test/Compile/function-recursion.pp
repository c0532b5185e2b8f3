# Unbounded recursion in a Puppet function is an error, not a crash.
# RUN: not cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
function f($x) { f($x + 1) }
$y = f(1)
# CHECK: error: Maximum evaluation depth exceeded
