notify { 'x': message => String(find_file([1])) }
