# `cppetc compile --verbose` says how long the compile phase took on stderr,
# in Puppet's words; the catalog on stdout is unchanged. Without the flag
# stderr stays quiet.
# RUN: cppetc compile --verbose --node web1.example.com --manifest %s --facts %inputs/facts.json 2>%t.err | FileCheck %s --check-prefix=OUT
# RUN: FileCheck %s --check-prefix=ERR < %t.err
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json 2>%t.quiet >/dev/null
# RUN: not grep . %t.quiet
notify { 'hello': }
# OUT: "name": "web1.example.com"
# OUT: "title": "hello"
# ERR: {{^}}Notice: Compiled catalog for web1.example.com in environment production in {{[0-9]+\.[0-9][0-9][0-9][0-9]}} seconds{{$}}
