notify { 'x': message => shell_split('a "b\\') }
