define d1 (Integer $n) { }
d1 { 'x': n => 'str' }
