notify { 'x': message => str2saltedsha512(42) }
