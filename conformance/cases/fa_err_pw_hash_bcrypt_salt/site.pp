notify { 'x': message => pw_hash('a', 'bcrypt', 'short') }
