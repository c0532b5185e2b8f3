notify { 'x': message => String(find_file('a', 3)) }
