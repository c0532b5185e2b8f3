# An unrelated class may not override parameters.
# RUN: not cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
class owner { notify { 'owned': message => 'original' } }
class other { Notify['owned'] { message => 'hijacked' } }
include owner
include other
# CHECK: override-unrelated-class.pp:4:15: error: Only subclasses can override parameters
