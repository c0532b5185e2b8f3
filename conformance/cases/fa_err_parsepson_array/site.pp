notify { 'x': message => parsepson('[1, 2 x]') }
