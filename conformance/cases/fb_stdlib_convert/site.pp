# to_python, to_ruby, type3x, uriescape, stdlib::xml_encode
$data = {
  'a' => [1, 2.5, -3, 1.0e20, 0.0001],
  'b' => { 'x' => true, 'y' => false, 'z' => undef },
  'c' => "quote \" apostrophe ' newline \n tab \t back \\ dollar \$ hash #{'#'}{x}",
  'd' => 'ünïcödé ✓',
  'e' => '',
}
notify { 'py': message => to_python($data) }
notify { 'rb': message => to_ruby($data) }
notify { 'py_scalars': message => [to_python(undef), to_python(true), to_python('x'), to_python(42)].join(' | ') }
notify { 'rb_scalars': message => [to_ruby(undef), to_ruby(false), to_ruby('x'), to_ruby(4.0)].join(' | ') }
notify { 'py_rich': message => to_python([default, /a+b/, Timestamp('2020-01-02T03:04:05.123Z'), { 1 => 'one', 'k' => [2] }]) }
notify { 'rb_rich': message => to_ruby({ '__ptype' => 'x', 'y' => Sensitive('s') }) }
notify { 'type3x':
  message => [type3x('abc'), type3x('12'), type3x('-7'), type3x('007'), type3x('1.5'), type3x('1.50'),
              type3x('-0'), type3x(''), type3x(3), type3x(2.5), type3x(true), type3x([1]), type3x({}),
              type3x('1.0e+20'), type3x(undef), type3x(/re/)].join(','),
}
notify { 'uriescape':
  message => String([uriescape('http://x.org/a b?q=ü&r=%41#frag|x{y}"^`<>'), uriescape(['a b', 'c/d;e'])]),
}
notify { 'xml':
  message => [stdlib::xml_encode('<a href="x">Tom & "Jerry" \'s</a>'),
              stdlib::xml_encode('<a href="x">Tom & "Jerry" \'s</a>', 'attr'),
              stdlib::xml_encode('plain', 'text')].join(' ## '),
}
