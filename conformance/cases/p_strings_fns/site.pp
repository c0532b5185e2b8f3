$s = 'Hello World'
notify { 'fns': message => [
  $s.upcase, $s.downcase, $s.capitalize, 'a,b,,c'.split(','), ['a', 'b'].join('-'),
  regsubst($s, 'o', '0', 'G'), $s =~ /World$/, $s.length, sprintf('%05.1f|%-4s|%x', 3.14159, 'ab', 255),
  'abc'.match(/(b)(c)/), versioncmp('1.10', '1.9') ] }
