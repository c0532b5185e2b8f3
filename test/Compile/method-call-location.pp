# A method call is located as Puppet locates it: at the `(` of its
# arguments, or at the `.` when it has none (columns as Puppet 7.23
# reports them).
# RUN: not cppetc compile --node n1 --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
# RUN: echo "notice(SemVer('1.2.3').major)" > %t.pp
# RUN: not cppetc compile --node n1 --manifest %t.pp --facts %inputs/facts.json 2>&1 | FileCheck %s --check-prefix=DOT
notice([1, 2].each_slice(1))
# CHECK: method-call-location.pp:7:25: error: Unknown function: 'each_slice'.
# DOT: .pp:1:23: error: Unknown function: 'major'.
