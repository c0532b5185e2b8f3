$first = 'one'
