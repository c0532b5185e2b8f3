notify { 'x': message => digest(3) }
