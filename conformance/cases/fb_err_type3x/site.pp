notify { 'x': message => type3x(Integer) }
