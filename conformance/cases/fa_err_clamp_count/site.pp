notify { 'x': message => clamp(1, 2) }
