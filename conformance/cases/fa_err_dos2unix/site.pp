notify { 'x': message => dos2unix(['a']) }
