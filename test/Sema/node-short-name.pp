# Puppet 7 matches the certname only: a short name does not match the FQDN.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json | FileCheck %s
node 'web1' { notify { 'short': } }
node default { notify { 'default node': } }
# CHECK-NOT: "title": "short"
# CHECK: "title": "default node"
