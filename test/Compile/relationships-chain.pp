# Chain arrows become before/notify parameters on the source resource.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
package { 'pkg': }
file { '/etc/pkg.conf': }
service { 'pkgd': }
Package['pkg'] -> File['/etc/pkg.conf'] ~> Service['pkgd']
# CHECK-DAG: "title":"/etc/pkg.conf"{{[^}]*}}"notify":["Service[pkgd]"]
# CHECK-DAG: "title":"pkg"{{[^}]*}}"before":["File[/etc/pkg.conf]"]
