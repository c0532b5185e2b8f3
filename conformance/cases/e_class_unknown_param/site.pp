class c1 ($a = 1) { }
class { 'c1': b => 2 }
