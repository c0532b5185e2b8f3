class base { $v = 'base-v' $w = 'base-w' }
class child inherits base {
  $w = 'child-w'
  notify { "child sees ${v} ${w} ${base::w}": }
}
include child
$top = 'top'
class reader { notify { "reader sees ${top} ${::top} ${child::w}": } }
include reader
