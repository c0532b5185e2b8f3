$s = "multi
line"
notify { 'cmp': message => ['a' < 'B', 'abc' == 'ABC', 'a' in ['A'], "x${s}y", 'ab' =~ 'a.'] }
notify { 'split': message => ['a b  c'.split(' '), 'a1b2'.split(/\d/), 'abc'.split('')] }
