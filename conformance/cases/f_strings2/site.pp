$s = '  padded  '
notify { 'f': message => [$s.strip, $s.lstrip, $s.rstrip, 'a-b-c'.split('-', 2), 'Hello'.downcase, 'hello world'.capitalize, 'abc'.reverse, 'x' + 'y' == 'xy', 'a,b'.split(/,/).join('|'), "line\n".chomp, 'abc'.size, '%s' % 'x'] }
