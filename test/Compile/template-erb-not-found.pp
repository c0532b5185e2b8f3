# A template that no module provides is a compile error.
# RUN: not cppetc compile --node web1.example.com --manifest %s --modulepath %inputs/erbmods --facts %inputs/facts.json 2>&1 | FileCheck %s
$x = template('erbtest/nope.erb')
# CHECK: error: {{.*}}Could not find template 'erbtest/nope.erb'
