# Declaring a resource twice is an error that names both places.
# RUN: not cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
notify { 'dup': }
notify { 'dup': }
# CHECK: duplicate-declaration.pp:4:10: error: Duplicate declaration: Notify[dup] is already declared at (file: {{.*}}duplicate-declaration.pp, line: 3); cannot redeclare
