notify { 'x': message => parsepson('{"a" 1}') }
