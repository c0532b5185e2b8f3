$a = 1; $b = 2;
notify { 'x': message => $a + $b; }
if true { notify { 'y': } };
