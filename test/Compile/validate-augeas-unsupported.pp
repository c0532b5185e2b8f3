# stdlib's validate_augeas needs Augeas, which cppet does not embed: a clear
# compile error instead of a silent pass.
# REQUIRES: forge-modules
# RUN: not cppetc compile --node web1.example.com --manifest %s --modulepath /usr/share/puppet/modules --facts %inputs/facts.json 2>&1 | FileCheck %s
validate_augeas("root:x:0:0:root:/root:/bin/bash\n", 'Passwd.lns')
# CHECK: validate-augeas-unsupported.pp:5:1: error: {{.*}}validate_augeas(): this function needs Augeas, which cppet does not embed
