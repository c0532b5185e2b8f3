# A parameter that a core type does not have is an error, as in Puppet 7.23.
# RUN: not cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
file { '/tmp/x': ensure => file, bogus => 1 }
# CHECK: error: no parameter named 'bogus' (file: {{.*}}unknown-core-parameter.pp, line: 3) on File[/tmp/x]
