# Type aliases, Puppet-language functions, typed class parameters,
# iteration chains, string and type functions, conversions (String of a
# Float is %f) in one catalog.
type Port = Integer[1, 65535]
type Conf = Struct[{ host => String, Optional[port] => Port }]
function mymod_double(Integer $x) >> Integer { $x * 2 }
function greet(String $who, String $greeting = 'hello') { "${greeting} ${who}" }
class typed(Conf $conf = { 'host' => 'h' }, Port $p = 22, Variant[String, Array[String]] $names = 'a') {
  notify { "typed ${conf['host']} ${p} ${names}": }
}
include typed
notify { "fn ${mymod_double(21)} ${greet('x')} ${greet('y', 'hi')}": }
$lam = [1, 2, 3].filter |$x| { $x > 1 }.map |$x| { $x * 10 }
notify { "chain ${lam}": }
$h = { 'b' => 2, 'a' => 1 }
notify { "sorted ${h.keys.sort} ${h.values.sort} ${sort($h.keys)}": }
notify { "has ${'a' in $h} ${$h['zz'] == undef}": }
$s = 'Hello World'
notify { "str ${s.downcase} ${s.size} ${s[0, 5]} ${s.split(' ')[1]} ${s =~ /world/} ${s =~ /(?i)world/}": }
notify { "types ${type(1)} ${type('x')} ${type([1])} ${type({a => 1})} ${Integer[1,2] =~ Type[Integer]}": }
notify { "cmp ${1 < 2} ${'a' < 'b'} ${[1,2] == [1,2]} ${1 != 2} ${!true}": }
notify { "conv ${String(1.5)} ${Integer('12')} ${Array('ab')} ${Array(1, true)}": }
$res = assert_type(Port, 80)
notify { "assert ${res}": }
notify { "with ${with(1, 2) |$a, $b| { $a + $b }}": }
$r = [1, 2, 3].reduce |$memo, $v| { $memo + $v }
notify { "reduce ${r} ${[1,2,3].max} ${[1,2,3].min} ${[3,1].sort}": }
