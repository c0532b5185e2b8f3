# Puppet evaluates the parameter types of the classes and defines of a
# manifest when it loads the file, and loads a module's init.pp with any of
# its classes: m::other is fine, but m's init.pp names an unknown type, so
# `include m::other` fails there (as Puppet 7.23 does). A class never
# loaded (m::third, whose parameter type is unknown too) costs nothing.
# RUN: not cppetc compile --node n1 --manifest %s --modulepath %inputs/loadmods --facts %inputs/facts.json 2>&1 | FileCheck %s
# RUN: echo "if false { include m::third } notify { 'x': }" > %t.pp
# RUN: cppetc compile --node n1 --manifest %t.pp --modulepath %inputs/loadmods --facts %inputs/facts.json | FileCheck %s --check-prefix=UNUSED
include m::other
# CHECK: init.pp:1:19: error: Resource type not found: Nope::Type
# UNUSED: "title": "x"
