file { '/tmp/a': } $r = stdlib::str2resource('File[/tmp/b]')
