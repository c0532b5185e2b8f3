# String(value, format): booleans (t/T/y/Y, '#' for one letter, numeric
# directives), undef (NaN for numbers), collections (a space flag drops the
# delimiters), binary and integer directives.
notify { 'formats':
  message => [
    String(true, '%y'), String(false, '%Y'), String(true, '%T'), String(false, '%#t'),
    String(true, '%d'), String(false, '%5s'), String(true, '%-6y|'.regsubst('\|', '')),
    String(undef, '%d'), String(undef, '%s'), String(undef, '%p'),
    String([1, 'a'], '%s'), String([1, 'a'], '% a'), String({ 'a' => [1] }, '%h'),
    String({ 'a' => 1 }, '% h'), String([1, 2], '%10a'),
    String(255, '%x'), String(255, '%#o'), String(10, '%b'), String(65, '%c'),
    String(3.5, '%.3e'), String('ab', '%5s'), String('x', '%p'),
  ],
}
