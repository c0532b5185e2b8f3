notify { 'x': message => camelcase(['a_b', 1]) }
