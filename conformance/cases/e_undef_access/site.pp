$u = undef
$x = $u['k']
