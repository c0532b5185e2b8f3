notify { 'x': message => seeded_rand_string(8, 'seed', 'a') }
