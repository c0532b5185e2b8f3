$v = 5
unless $v > 10 { notify { 'small': } } else { notify { 'big': } }
if $v < 3 { notify { 'lt3': } } elsif $v < 6 { notify { 'lt6': } } else { notify { 'ge6': } }
$m = if $v == 5 { 'five' } else { 'other' }
notify { "m ${m}": }
