class pd ($a = 'x', $b = "${a}-y", $c = [$a, $b]) { notify { 'pd': message => [$a, $b, $c] } }
class { 'pd': a => 'z' }
