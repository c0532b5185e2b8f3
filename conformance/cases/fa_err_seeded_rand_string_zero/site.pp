notify { 'x': message => seeded_rand_string(0, 'x') }
