# A module's Ruby type whose title_patterns are a literal list of regexps:
# the first that matches the title sets its attributes, unless they are
# given (what Puppet 7.23's catalog holds for sshkey, alternative_entry and
# rabbitmq_binding alike).
# RUN: cppetc compile --node n1 --manifest %s --modulepath %inputs/rubytypes --facts %inputs/facts.json | python3 -c 'import json,sys; [print(r["title"], sorted(r.get("parameters", {}).items())) for r in json.load(sys.stdin)["resources"] if r["type"] == "Kv_pair"]' | FileCheck %s
kv_pair { 'main/port': val => '80' }
kv_pair { 'db/host': section => 'database', val => 'x' }
kv_pair { 'plain': val => 'y' }
# CHECK: main/port [('key', 'port'), ('section', 'main'), ('val', '80')]
# CHECK: db/host [('key', 'host'), ('section', 'database'), ('val', 'x')]
# CHECK: plain [('key', 'plain'), ('val', 'y')]
