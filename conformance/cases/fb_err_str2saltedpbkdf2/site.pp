notify { 'x': message => String(str2saltedpbkdf2('pw', 'saltsalt', 70000)) }
