# A Ruby error in a template is reported with Puppet's shape: template,
# file path, line and detail.
# RUN: not cppetc compile --node web1.example.com --manifest %s --modulepath %inputs/erbmods --facts %inputs/facts.json 2>&1 | FileCheck %s
$x = template('erbtest/broken.erb')
# CHECK: Failed to parse template erbtest/broken.erb:
# CHECK: Filepath: {{.*}}erbmods/erbtest/templates/broken.erb
# CHECK: Line: 3
# CHECK: Detail: undefined method `upcase' for nil:NilClass
