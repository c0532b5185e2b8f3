$secret = Sensitive('hunter2')
file { '/tmp/s': content => $secret }
notify { 'unwrapped': message => $secret.unwrap }
notify { 'str': message => "${secret}" }
