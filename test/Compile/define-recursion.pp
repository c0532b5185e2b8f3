# A defined type that declares itself forever is stopped with an error.
# RUN: not cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
define d() { d { "${title}x": } }
d { 'a': }
# CHECK: error: Defined types nest more than 1000 levels deep
