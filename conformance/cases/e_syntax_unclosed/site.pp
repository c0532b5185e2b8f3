notify { 'x': message => "unclosed }
