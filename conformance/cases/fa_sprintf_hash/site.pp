notify { 'sh':
  message => [sprintf_hash('%<foo>s and %<bar>d', { 'foo' => 'a', 'bar' => 2 }), sprintf_hash('%{x}-%<y>05.1f', { 'x' => [1], 'y' => 3.14159 }), sprintf_hash('plain', {})],
}
