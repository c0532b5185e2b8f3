$long = 'The quick brown fox jumps over the lazy dog, again and again and again.'
notify { 'encode':
  message => [
    base64('encode', 'thestring'),
    base64('encode', $long),
    base64('encode', ''),
    base64('encode', $long, 'strict'),
    base64('encode', '??>>', 'urlsafe'),
    base64('encode', '??>>', 'default'),
    base64('encode', 'é'),
  ],
}
notify { 'decode':
  message => [
    base64('decode', 'dGhlc3RyaW5n'),
    base64('decode', "dGhl\nc3Ry*aW5n"),
    base64('decode', 'dGhlc3RyaW5'),
    base64('decode', 'dGhlc3RyaW5n', 'strict'),
    base64('decode', 'Pz8-Pg', 'urlsafe'),
    base64('decode', 'Pz8-Pg==', 'urlsafe'),
    base64('decode', 'YQ==', 'strict'),
    base64('decode', 'YWI=x'),
  ],
}
