notify { 'x': message => parsepson('[1,]') }
