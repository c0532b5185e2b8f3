$long = 'a rather long password that is longer than sixty-four bytes, to wrap the digest twice'
notify { 'pw':
  message => [
    pw_hash('secret', 'SHA-512', 'saltsalt'),
    pw_hash('secret', 'sha-256', 'abc'),
    pw_hash('secret', 'md5', 'xyz'),
    pw_hash('p', 'sha-512', 'abcdefghijklmnopqrstu'),
    pw_hash('p', 'md5', 'abcdefghijk'),
    pw_hash($long, 'sha-512', 'x./Y'),
    pw_hash($long, 'sha-256', 'x'),
    pw_hash($long, 'md5', 'x'),
    pw_hash('', 'sha-512', 'x'),
    pw_hash(undef, 'sha-512', 'x'),
    pw_hash(Sensitive('secret'), 'sha-512', Sensitive('saltsalt')),
    pw_hash('ünïcode', 'sha-512', 'abc'),
  ],
}
