notify { 'x': message => reject('abc', 'a') }
