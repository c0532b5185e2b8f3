# A class parameter of the wrong type is an error in Puppet's words.
# RUN: not cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
class sized (Integer[1, 10] $n = 1) { }
class { 'sized': n => 20 }
# CHECK: error: Class[Sized]: parameter 'n' expects an Integer[1, 10] value, got Integer[20, 20]
