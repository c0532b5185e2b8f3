notify { "from a compiled catalog on ${facts['hostname']}": }
# `cppet-agent apply --catalog` applies the catalog `cppetc compile` wrote
# (lib/Apply reads only the catalog IR).
# RUN: rm -rf %t && mkdir -p %t
# RUN: cppetc compile --node n1 --manifest %s --facts %inputs/facts.json > %t/c.json
# RUN: cppet-agent apply --vardir %t/var --catalog %t/c.json | FileCheck %s
# RUN: not cppet-agent apply --vardir %t/var --catalog %t/missing.json 2>&1 | FileCheck --check-prefix=MISSING %s
# CHECK: Notice: from a compiled catalog on web1
# CHECK: Notice: Applied catalog in
# MISSING: Error: Could not read catalog {{.*}}missing.json
