# cppetc check reports resource types that exist nowhere, but accepts
# defines of the checked files and types on the modulepath.
# RUN: not cppetc check --modulepath %inputs/modules %s 2>&1 | FileCheck %s
define known() { }
known { 'a': }
frob { 'y': }
# CHECK-NOT: Resource type not found: known
# CHECK: check-unknown-type.pp:6:1: error: Resource type not found: frob
