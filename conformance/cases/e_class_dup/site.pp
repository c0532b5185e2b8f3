class x_c ($p = 1) { }
class { 'x_c': p => 2 }
class { 'x_c': p => 3 }
