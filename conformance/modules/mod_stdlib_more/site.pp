include stdlib
$h = merge({ 'a' => 1 }, { 'b' => 2 }, { 'a' => 3 })
$p = pick(undef, '', 'picked')
$d = delete(['a', 'b', 'a'], 'a')
$u = union([1, 2], [2, 3])
$s = suffix(['a', 'b'], '.conf')
$j = join_keys_to_values({ 'k' => 'v', 'x' => 'y' }, '=')
$b = str2bool('yes')
$c = concat([1], [2, 3], 4)
$z = zip([1, 2], ['a', 'b'])
$m = member(['x', 'y'], 'y')
$e = empty([])
$v = validate_legacy(String, 'validate_string', 'ok')
notify { 'stdlib': message => [$h, $p, $d, $u, $s, $j, $b, $c, $z, $m, $e, to_json({ 'a' => [1, true] }), to_yaml({ 'a' => 1 })] }
ensure_packages(['curl', 'wget'], { 'ensure' => 'present' })
ensure_resource('user', 'deploy', { 'ensure' => 'present', 'shell' => '/bin/bash' })
file_line { 'hosts': path => '/etc/hosts', line => '10.0.0.1 db', match => '^10\.0\.0\.1' }
