notify { 'x': message => parsepson('') }
