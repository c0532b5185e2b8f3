# An unknown parameter, an invalid value or an unknown type fails that
# resource before anything changes; the rest of the catalog still applies.
# RUN: rm -rf %t && mkdir -p %t && cppetc compile --node n1 --manifest %s --facts %inputs/facts.json > %t/catalog.json
# RUN: python3 -c "import json,sys; c=json.load(open('%t/catalog.json')); r=[x for x in c['resources'] if x['title']=='/tmp/cppet-never-here'][0]; r['parameters']['colour']='red'; c['resources'].append(dict(type='Frobnicator', title='x', tags=['frobnicator'], exported=False, parameters={})); c['edges'].append(dict(source='Class[main]', target='Frobnicator[x]')); json.dump(c, open('%t/bad.json','w'))"
# RUN: sh -c 'cppet-agent apply --vardir %t/var --catalog %t/bad.json --detailed-exitcodes; echo "exit=$?"' > %t/out 2>&1
# RUN: FileCheck %s < %t/out
# RUN: test ! -e /tmp/cppet-never-here
file { '/tmp/cppet-never-here': content => 'x' }
file { 'relative/path': content => 'x' }
notify { 'still applied': }
# CHECK-DAG: Error: /Stage[main]/Main/File[/tmp/cppet-never-here]: Invalid parameter 'colour' for type 'file'
# CHECK-DAG: Error: /Stage[main]/Main/File[relative/path]: File paths must be fully qualified, not 'relative/path'
# CHECK-DAG: Error: /Stage[main]/Main/Frobnicator[x]: Unknown resource type 'Frobnicator'
# CHECK-DAG: Notice: still applied
# CHECK: exit=6
