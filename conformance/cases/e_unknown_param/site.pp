define d2 ($a = 1) { }
d2 { 'x': b => 2 }
