@notify { 'v1': }
@notify { 'v2': message => 'm' }
Notify <| |>
file { '/tmp/z': }
File <| |> { mode => '0700' }
