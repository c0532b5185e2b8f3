# Node statements exist but none matches: an error naming the node.
# RUN: not cppetc compile --node other.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
node 'web1.example.com' { }
# CHECK: error: Could not find node statement with name 'default' or 'other.example.com'
