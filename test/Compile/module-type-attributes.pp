# The attributes of a module's Ruby type are read from its declaration
# (newparam/newproperty/ensurable, the namevar) and checked as Puppet checks
# them; a type whose attributes are made at run time is not checked.
# RUN: cppetc compile --node n1 --manifest %s --modulepath %inputs/rubytypes --facts %inputs/facts.json | python3 -c 'import json,sys; [print(r["type"], r["title"], sorted(r.get("parameters", {}).items())) for r in json.load(sys.stdin)["resources"] if r["type"].startswith("Kv")]' | FileCheck %s
# RUN: echo "kv_setting { 'k': ensure => present, value => 1 }" > %t.pp
# RUN: not cppetc compile --node n1 --manifest %t.pp --modulepath %inputs/rubytypes --facts %inputs/facts.json 2>&1 | FileCheck %s --check-prefix=ERR
kv_setting { 'k': ensure => present, val => '1', path => '/tmp/f', provider => 'ruby', notify => Kv_dynamic['d'] }
kv_dynamic { 'd': a => 1, c => 2 }
# CHECK: Kv_setting k [('ensure', 'present'), ('notify', 'Kv_dynamic[d]'), ('path', '/tmp/f'), ('provider', 'ruby'), ('val', '1')]
# CHECK: Kv_dynamic d [('a', 1), ('c', 2)]
# ERR: error: no parameter named 'value' (file: {{.*}}, line: 1) on Kv_setting[k]
