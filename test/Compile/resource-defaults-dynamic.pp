# Resource defaults are dynamically scoped: a class inherits the defaults of
# the scope that declared it, and a later default still applies.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
class inner { file { '/tmp/inner': ensure => file } }
File { mode => '0640' }
include inner
file { '/tmp/outer': }
# CHECK: "title":"/tmp/inner"{{[^}]*}}"mode":"0640"
# CHECK: "title":"/tmp/outer"{{[^}]*}}"mode":"0640"
