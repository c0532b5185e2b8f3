$osv = 'Debian'
$r1 = $osv ? { /^Deb/ => 'deb', default => 'other' }
$r2 = 5 ? { Integer[1, 3] => 'small', Integer[4, 10] => 'medium', default => 'big' }
$r3 = 'x' ? { 'X' => 'case-insensitive', default => 'no' }
case [1, 2] {
  [1, 2]: { $r4 = 'array match' }
  default: { $r4 = 'no' }
}
case 'foo' {
  'bar', 'foo': { $r5 = 'multi' }
}
case 42 {
  String: { $r6 = 'string' }
  Integer: { $r6 = 'integer' }
}
notify { 'sel': message => [$r1, $r2, $r3, $r4, $r5, $r6] }
