notify { 'm': message => [
  [1, [2, [3, [4]]]].flatten, { 'a' => { 'b' => 1 } }.dig('a', 'b'), [1, 2, 3].filter |$x| { $x > 1 }.size,
  'abc'.split(''), [1, 2] + [3], lest(undef) || { 'fallback' }, then('x') |$v| { "${v}!" },
  'foo'.length, ['x', 'y'].reverse_each.map |$v| { $v }, [1, 2, 3, 4].slice(2).map |$p| { $p[0] + $p[1] },
  Integer('12') + Float('0.5'), String(true), String([1, 'a']), String({ 'k' => 'v' }), Numeric('3.5'),
  abs(-3), round(2.5), round(-2.5), 7.floor, ceiling(2.1), min(3, 1, 2), max('a', 'b'),
  'hello'.index('l'), compare(1, 2), [3, 1].sort, unique(['b', 'a', 'b']), 'A-b_c'.downcase,
] }
