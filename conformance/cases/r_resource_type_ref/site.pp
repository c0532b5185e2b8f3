Resource['notify'] { 'rt': message => 'via Resource' }
$t = 'notify'
Resource[$t] { 'rt2': }
