notify { 'a': before => 'junk' }
