# A resource of an unknown type is an error.
# RUN: not cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json 2>&1 | FileCheck %s
frobnicate { 'x': }
# CHECK: unknown-resource-type.pp:3:1: error: Resource type not found: Frobnicate
