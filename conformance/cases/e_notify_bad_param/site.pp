notify { 'n': colour => 'red' }
