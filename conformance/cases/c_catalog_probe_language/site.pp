# Node matching, scopes, inline EPP, heredocs, destructuring, match
# variables and arithmetic in one catalog.
node /^web\d+/ { notify { "regex node ${0}": } }
node 'db01.example.com', 'db02' { notify { 'db': } }
$top = 'topval'
class scope_test { $local = 'l' notify { "scope ${top} ${::top} ${scope_test::local}": } }
include scope_test
$t = inline_epp('<%= $a %>-<%= $top %>-<% [1,2].each |$i| { %>[<%= $i %>]<% } %>', { 'a' => 'A' })
notify { "epp ${t}": }
$heredoc = @("END"/L)
  one ${top}
    two \
  three
  | END
notify { 'heredoc': message => $heredoc }
$raw = @(RAW)
  raw ${top}
  RAW
notify { 'raw': message => $raw }
$x = [1, 2, 3]
[$a1, $b1, $c1] = $x
notify { "destructure ${a1} ${b1} ${c1}": }
$m = 'abc' =~ /(?<first>a)(b)/
notify { "match ${m} ${1} ${2}": }
notify { "math ${1 + 2 * 3} ${7 / 2} ${-7 / 2} ${7.0 / 2}": }
$undef_v = undef
notify { "undef [${undef_v}] ${$undef_v =~ Undef}": }
