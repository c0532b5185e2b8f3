notify { 'x': message => glob(1) }
