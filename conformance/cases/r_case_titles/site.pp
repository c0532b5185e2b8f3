notify { 'Abc': }
notify { 'abc': }
class foo_bar { notify { 'fb': } }
include foo_bar
notify { 'ref': require => [Notify['Abc'], Class['Foo_Bar']] }
