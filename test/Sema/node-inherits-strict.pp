# --strict rejects node inheritance as Puppet 7 does, with file:line:col.
# RUN: not cppetc compile --strict --node web1.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
node 'base' { }
node 'web1.example.com' inherits 'base' { }
# CHECK: node-inherits-strict.pp:4:{{[0-9]+}}: error: Node inheritance is not supported in Puppet >= 4.0.0
