# RUN: cppetc parse %s | FileCheck %s
import 'nodes/*.pp'
import "classes/base.pp", 'other.pp'

# CHECK: (Block
# CHECK-NEXT: (Import "nodes/*.pp")
# CHECK-NEXT: (Import "classes/base.pp" "other.pp"))
