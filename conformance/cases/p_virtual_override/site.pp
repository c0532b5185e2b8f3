@file { '/tmp/v1': ensure => file, tag => 'web' }
@file { '/tmp/v2': ensure => file }
File <| tag == 'web' |> { mode => '0600' }
File <| title == '/tmp/v2' |>
