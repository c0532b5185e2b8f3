notify { 'x': message => sprintf_hash('%<a>s', ['a']) }
