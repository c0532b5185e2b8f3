# Type aliases and Puppet-language functions are autoloaded from modules.
# RUN: cppetc compile --node web1.example.com --manifest %s --modulepath %inputs/modules --facts %inputs/facts.json | FileCheck %s
$p = 8080
if $p =~ Mymod::Port { notify { "port ok ${mymod::double(21)}": } }
# CHECK: "title": "port ok 42"
