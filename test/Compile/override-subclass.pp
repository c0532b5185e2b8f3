# A subclass may override its parent's resources.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
class base { service { 'app': ensure => running } }
class base::off inherits base { Service['app'] { ensure => stopped } }
include base::off
# CHECK: "title":"app"{{[^}]*}}"ensure":"stopped"
