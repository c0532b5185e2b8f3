class e_c (Enum['a', 'b'] $v = 'a') { }
class { 'e_c': v => 'c' }
