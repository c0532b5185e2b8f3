notify { 'x': message => pw_hash('a', 'sha-1', 'abc') }
