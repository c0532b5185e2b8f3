# `Type[title]` references made again and again (a loop requiring the same
# directory) share one value; each must still be the reference it names.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json | FileCheck %s
file { ['/a', '/b']: ensure => directory }
exec { '/a': command => '/bin/true' }
$refs = ['a', 'b', 'a', 'b'].map |$t| { [File["/${t}"], Exec['/a'], File["/${t}"]] }
notify { 'refs': message => String($refs) }
['x', 'y'].each |$n| {
  file { "/a/${n}": require => File['/a'], before => Exec['/a'] }
}
# CHECK: "message": "{{\[\[}}File['/a'], Exec['/a'], File['/a']], [File['/b'], Exec['/a'], File['/b']], [File['/a'], Exec['/a'], File['/a']], [File['/b'], Exec['/a'], File['/b']]]"
# CHECK:      "title": "/a/x",
# CHECK:        "require": "File[/a]",
# CHECK-NEXT:   "before": "Exec[/a]"
# CHECK:      "title": "/a/y",
# CHECK:        "require": "File[/a]",
# CHECK-NEXT:   "before": "Exec[/a]"
