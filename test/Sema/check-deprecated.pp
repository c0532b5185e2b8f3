# Puppet 3 constructs are warnings by default and errors under --strict.
# RUN: cppetc check %s 2>&1 | FileCheck %s --check-prefix=DEFAULT
# RUN: not cppetc check --strict %s 2>&1 | FileCheck %s --check-prefix=STRICT
node 'base' { }
node 'n' inherits 'base' { }
import 'nodes/*.pp'
# DEFAULT: check-deprecated.pp:5:19: warning: Node inheritance is not supported in Puppet >= 4.0.0
# DEFAULT: check-deprecated.pp:6:1: warning: 'import' has been discontinued
# STRICT: check-deprecated.pp:5:19: error: Node inheritance is not supported in Puppet >= 4.0.0
# STRICT: check-deprecated.pp:6:1: error: 'import' has been discontinued
