# $trusted comes from the node name; facts are top-scope variables.
# RUN: cppetc compile --node db7.example.org --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
notify { "${trusted['hostname']} ${trusted['domain']} ${facts['os']['family']} ${::role}": }
# CHECK: "title":"db7 example.org Debian web"
