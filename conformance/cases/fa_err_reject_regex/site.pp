notify { 'x': message => reject('not an array', '(') }
