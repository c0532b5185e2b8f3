# A class that cannot be found is an error with file:line:col and the node.
# RUN: not cppetc compile --node web1.example.com --manifest %s --modulepath %inputs/modules --facts %inputs/facts.json 2>&1 | FileCheck %s
notify { 'before': }
include nope::missing
# CHECK: autoload-missing-class.pp:4:1: error: Could not find class ::nope::missing for web1.example.com
# CHECK-NOT: "resources"
