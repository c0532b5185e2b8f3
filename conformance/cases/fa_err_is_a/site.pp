notify { 'x': message => is_a(1, 'Integer') }
