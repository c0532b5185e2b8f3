notify { 'x': message => pw_hash('a', 'sha-512', 'a$b') }
