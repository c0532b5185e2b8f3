notify { 'x': message => clamp('1a', 2, 3) }
