# Inheritance, params classes, nested defines, dynamic scope, stages and
# order-dependent resource defaults in one catalog.
class p1 { $v = 'p1v' notify { "p1 ${v}": } }
class p2 inherits p1 { $w = "${v}-w" notify { "p2 ${w} ${p1::v}": } }
include p2
class params { $setting = 'from params' }
class consumer($s = $params::setting) inherits params { notify { "consumer ${s}": } }
include consumer
define d1($a) { d2 { "${title}-inner": b => $a } }
define d2($b) { notify { "d2 ${title} ${b}": } }
d1 { 'outer': a => 'A' }
class ordered { notify { 'o1': } -> notify { 'o2': } }
include ordered
$v = 'top'
class dyn { notify { "dyn ${v}": } }
include dyn
node default {}
class stage_dep { notify { 'sd': } }
stage { 'last': require => Stage['main'] }
class { 'stage_dep': stage => last }
Notify { loglevel => 'debug' }
notify { 'with default': }
class defaulted { notify { 'in class': } }
include defaulted
