# The first matching regex node in file order is used; captures become $1.
# RUN: cppetc compile --node web42.example.com --manifest %s --facts %inputs/facts.json | FileCheck %s
node /^db/ { notify { 'db': } }
node /^web(\d+)/ { notify { "web number ${1}": } }
node /^w/ { notify { 'w': } }
# CHECK: "title": "__node_regexp__webd"
# CHECK: "title": "web number 42"
# CHECK-NOT: "title": "w"
