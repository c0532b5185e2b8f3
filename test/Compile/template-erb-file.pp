# template() renders module templates with the class's variables as @vars,
# trim mode '-', scope lookups and functions; several templates concatenate.
# RUN: cppetc compile --node web1.example.com --manifest %s --modulepath %inputs/erbmods --facts %inputs/facts.json --compact | FileCheck %s
$toplevel = 'T'
include erbtest
# CHECK: "content":"# erbtest on web1.example.com\nenabled = yes\nserver0 = a.example.com\nserver1 = b.example.com\nalpha = x,y\nzeta  = 1\ntop = T, class = 8080\nmissing = [] nil? true\ninspect = [\"a.example.com\", \"b.example.com\"]\nupcased = ERBTEST\n-- end of erbtest.conf --\n"
