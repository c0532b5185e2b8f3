# The seed site, Puppet 3 style: one file per server role under nodes/.
# Compile a node's catalog with
#   cppetc compile --node node1.test.com --manifest examples/seed/manifests/site.pp \
#     --modulepath examples/seed/modules --facts examples/seed/facts/node1.test.com.json
import 'nodes/*.pp'

# Site-wide resource defaults.
File {
  owner => 'root',
  group => 'root',
}

Exec {
  path => ['/usr/sbin', '/usr/bin', '/sbin', '/bin'],
}
