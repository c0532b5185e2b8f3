notify { 'x': message => String(module_directory(1)) }
