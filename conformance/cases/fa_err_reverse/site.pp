notify { 'x': message => reverse({ 'a' => 1 }) }
