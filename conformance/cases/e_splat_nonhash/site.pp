notify { 'x': * => [1, 2] }
