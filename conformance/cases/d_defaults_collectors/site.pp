Package { ensure => 'installed' }
@package { 'vim': }
@package { 'emacs': tag => 'editors' }
Package <| tag == 'editors' |>
realize Package['vim']
class pk { package { 'curl': } }
include pk
