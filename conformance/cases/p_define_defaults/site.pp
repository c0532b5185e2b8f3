define mydef (String $a = 'da', Integer $b = 2, $c = undef) {
  notify { "${title}: ${a} ${b} ${c} ${name}": }
}
mydef { 'one': }
mydef { 'two': a => 'x', c => 'cc' }
mydef { ['three', 'four']: b => 9 }
