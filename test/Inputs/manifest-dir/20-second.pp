notify { "second sees ${first}": }
