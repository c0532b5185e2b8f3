# Without an exact or regex match, the default node is used.
# RUN: cppetc compile --node other.example.com --manifest %s --facts %inputs/facts.json | FileCheck %s
node 'web1.example.com' { notify { 'web1': } }
node default { notify { 'fallback': } }
# CHECK: "Node"
# CHECK-NEXT: "title": "default"
# CHECK: "title": "fallback"
