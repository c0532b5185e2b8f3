# An exact node name wins over an earlier regex node and over default.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json | FileCheck %s
node /^web/ { notify { 'regex': } }
node 'web1.example.com' { notify { 'exact': } }
node default { notify { 'default': } }
# CHECK: "title": "web1.example.com"
# CHECK: "title": "exact"
# CHECK-NOT: "title": "regex"
