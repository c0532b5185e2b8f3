# A defined type instance contains its resources and sees $title/$name.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
define vhost (String $docroot) { file { "${docroot}/${title}.conf": } }
vhost { 'site': docroot => '/etc/www' }
# CHECK: {"source":"Vhost[site]","target":"File[/etc/www/site.conf]"}
