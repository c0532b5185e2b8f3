package { 'a': } package { 'b': }
service { 's': }
Package <| |> -> Service['s']
@@notify { 'exp': }
Notify <<| |>>
