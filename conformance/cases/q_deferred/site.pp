# Deferred values: creation, type checks, string forms and the catalog's
# plain-JSON encoding (the string form).
define fragment(Variant[String, Deferred] $content) {
  notify { "fragment ${title}": message => $content }
}
class secrets(Deferred $password = Deferred('join', [['a', 'b'], '-'])) {
  file { '/tmp/secret': content => $password }
}
$d = Deferred('join', [[1, 2], ','])
$n = Deferred('sprintf', ['%s/%s', Deferred('$facts', ['os', 'family']), 'x'])
fragment { 'plain': content => 'text' }
fragment { 'deferred': content => $d }
include secrets
notify { 'nested': message => [$d, { 'k' => $n }, Deferred('f')] }
notify { 'hashform': message => Deferred({ 'name' => 'm::f', 'arguments' => [] }) }
notify { 'new': message => Deferred.new('upcase', ['x']) }
notify { 'strings':
  message => [
    "${d}", String($n), "${Deferred}", String(Type[Deferred]),
    "${Variant[String, Deferred]}", $d.name, String($d.arguments),
    String(Deferred('x').arguments),
  ],
}
notify { 'checks':
  message => [
    $d =~ Deferred, $d =~ Object, $d =~ RichData, $d =~ Data, $d =~ Scalar,
    'x' =~ Deferred, Deferred =~ Type[Object], $d == Deferred('join', [[1, 2], ',']),
    $d == Deferred('join', [[1, 2]]), $d in [1, $d], String(type($d, 'generalized')),
  ],
}
