class parent_p ($x = 'px') { notify { "parent ${x}": } }
class child_p ($y = 'cy') inherits parent_p { notify { "child ${x} ${y}": } }
include child_p
