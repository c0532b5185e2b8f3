notify { 'x': message => has_interface_with('a', 'b', 'c') }
