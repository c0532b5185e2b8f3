notify { 'x': message => clamp(true, 1, 2) }
