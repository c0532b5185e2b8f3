$h = { 'k1' => 'v1' }
$h.each |$k, $v| { notify { "${k}:${v}": message => "${k} ${v}" } }
notify { ['l1', 'l2']: message => 'shared' }
