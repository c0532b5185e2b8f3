# fail() stops the compile with the message and location.
# RUN: not cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
$v = 'bad'
if $v == 'bad' { fail("guard: value '${v}' is not allowed") }
# CHECK: fail-function.pp:4:18: error: {{.*}}guard: value 'bad' is not allowed
