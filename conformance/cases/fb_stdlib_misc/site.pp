# try_get_value, time, str2saltedpbkdf2, str2saltedsha512, stdlib::ip_in_range,
# validate_domain_name, validate_email_address
$data = { 'a' => { 'b' => ['b1', 'b2', { 'c' => 'deep' }], 'n' => undef }, '3' => 'three' }
notify { 'tgv':
  message => String([
    try_get_value($data, 'a/b/1'),
    try_get_value($data, 'a/b/2/c'),
    try_get_value($data, 'a/b/-1/c'),
    try_get_value($data, 'a/b/9', 'dflt'),
    try_get_value($data, 'a/n', 'dflt'),
    try_get_value($data, 'a/x'),
    try_get_value($data, 'a.b.0', 'nf', '.'),
    try_get_value($data, '3', 'nf'),
    try_get_value($data, 'a/b/x', 'nf'),
    try_get_value($data, ''),
    try_get_value('scalar', 'a/b', 'dflt'),
    try_get_value('scalar', 'a/b'),
    try_get_value($data, 'a/b/'),
    try_get_value({ 'x/' => { 'y' => 1 } }, 'x/', 'nf', /y/),
    try_get_value($data, 'a|b|0', 'nf', '|'),
  ]),
}
$now = time()
$now_tz = time('Europe/Paris')
notify { 'time': message => "${type($now, 'generalized')} ${type($now_tz, 'generalized')}" }
$pw = str2saltedpbkdf2('Pa55w0rd', 'Use a s@lt h3r3 th@t is 32 byt3s', 50000)
notify { 'pbkdf2': message => String($pw) }
$pw2 = str2saltedpbkdf2(Sensitive('secret'), Sensitive('saltsalt'), 40001)
notify { 'pbkdf2s': message => String($pw2) }
$h = str2saltedsha512('password')
notify { 'sha512': message => "${h.length}" }
notify { 'ip':
  message => String([
    stdlib::ip_in_range('10.10.10.53', '10.10.10.0/24'),
    stdlib::ip_in_range('10.10.11.53', '10.10.10.0/24'),
    stdlib::ip_in_range('10.10.10.53', ['192.168.0.0/16', '10.0.0.0/8']),
    stdlib::ip_in_range('10.10.10.0/25', '10.10.10.0/24'),
    stdlib::ip_in_range('10.10.10.0/23', '10.10.10.0/24'),
    stdlib::ip_in_range('10.10.10.5', '10.10.10.5'),
    stdlib::ip_in_range('2001:db8::1', '2001:db8::/32'),
    stdlib::ip_in_range('2001:db9::1', '2001:db8::/32'),
    stdlib::ip_in_range('10.0.0.1', '::/0'),
    stdlib::ip_in_range('10.1.2.3', '10.1.0.0/255.255.0.0'),
    stdlib::ip_in_range('10.1.2.3', []),
  ]),
}
validate_domain_name('example.com', 'www.puppet.com', 'a-b.c.d')
validate_email_address('bob@example.com', 'alice@x.org')
notify { 'validated': }
