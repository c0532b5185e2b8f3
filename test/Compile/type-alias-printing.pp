# A type alias prints with its definition, nested aliases too (Puppet 7.23).
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
type Port = Integer[1, 65535]
type Endpoint = Struct[{ host => String[1], port => Port }]
notify { 'x': message => String(Endpoint) }
# CHECK: "message":"Endpoint = Struct[{'host' => String[1], 'port' => Port = Integer[1, 65535]}]"
