notify { 'x': message => base64('encode', 'a', 'fancy') }
