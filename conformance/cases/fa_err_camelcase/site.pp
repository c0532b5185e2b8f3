notify { 'x': message => camelcase({ 'a_b' => 'c' }) }
