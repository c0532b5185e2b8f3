$h = { 'n' => 'x', 'v' => 3 }
notify { 'sp': message => [sprintf('%<n>s=%<v>d', $h), sprintf('%{n}-%{v}', $h), sprintf('%s', [1, 'a']), sprintf('%s', undef), sprintf('%5.2s|', 'abcdef'), sprintf('%+d %+d', 5, -5), sprintf('%x %X %#x %08.3f', 255, 255, 255, 3.14159)] }
