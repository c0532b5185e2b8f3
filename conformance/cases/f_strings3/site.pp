$s = '  padded  '
notify { 'f': message => [$s.strip, $s.lstrip, $s.rstrip, 'Hello'.downcase, 'hello world'.capitalize, 'a,b'.split(/,/).join('|'), "line\n".chomp, 'abc'.size, 'abcdef'.match(/c(d)/)[1], regsubst('a.b.c', '\.', '-', 'G'), regsubst(['ab', 'cb'], 'b', 'X'), 'ab' =~ /^a/ ? { true => 'yes', default => 'no' }, join(['x'], ','), sprintf('%-6s|', 'ab')] }
