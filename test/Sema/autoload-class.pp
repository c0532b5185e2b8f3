# Classes are autoloaded from the modulepath: init.pp and nested paths.
# RUN: cppetc compile --node web1.example.com --manifest %s --modulepath %inputs/modules --facts %inputs/facts.json | FileCheck %s
include mymod
include mymod::sub::deep
# CHECK-DAG: "title": "mymod says hello"
# CHECK-DAG: "title": "deep in mymod"
# CHECK-DAG: "title": "Mymod::Sub::Deep"
