# call (built-in, 3.x and Puppet-language functions by name) and digest
# (sha256, Puppet's default digest_algorithm)
function fbdouble(Integer $x) { $x * 2 }
notify { 'call':
  message => String([
    call('max', 3, 9, 4),
    call('fbdouble', 21),
    call('sprintf', '%s-%s', 'a', 'b'),
    call('upcase', 'abc'),
    call('sha1', 'x'),
  ]),
}
notify { 'digest': message => [digest('hello'), digest(''), digest(undef), digest('ünï')].join(' ') }
