notify { 'x': message => base64('decode', 'dGhl c3RyaW5n', 'strict') }
