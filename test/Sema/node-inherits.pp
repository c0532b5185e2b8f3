# Puppet 3 node inheritance: the parent's body runs first, in an enclosing
# scope, so the child sees its variables and resources.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json | FileCheck %s
node 'base' {
  $ntp = 'ntp.example.com'
  notify { 'base config': }
}
node 'web1.example.com' inherits 'base' {
  notify { "ntp is ${ntp}": }
}
# CHECK: "title": "web1.example.com"
# CHECK-DAG: "title": "base config"
# CHECK-DAG: "title": "ntp is ntp.example.com"
