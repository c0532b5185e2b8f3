notify { 'x': message => String(call(3, 4)) }
