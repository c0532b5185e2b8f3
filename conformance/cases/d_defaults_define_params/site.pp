# Resource defaults reach a defined type's parameters (declared before or
# after the instance, and from create_resources' defaults).
define thing($v = 1, $w = 'w') { notify { "thing ${title} ${v} ${w}": } }
Thing { v => 5 }
thing { 'a': }
thing { 'b': v => 2 }
create_resources('thing', { 'c' => {}, 'd' => { 'v' => 9 } }, { 'v' => 7 })
class inner {
  Thing { w => 'inner' }
  thing { 'e': }
}
include inner
thing { 'f': }
Thing { w => 'late' }
