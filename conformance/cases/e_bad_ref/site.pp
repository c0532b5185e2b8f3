notify { 'x': require => File['/nope'] }
