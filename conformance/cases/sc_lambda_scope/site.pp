$outer = 'o'
$r = [1].map |$x| { $inner = "${outer}${x}" $inner }
notify { "r ${r}": }
class lc { $cv = 'c' [1].each |$i| { notify { "lc ${cv} ${i} ${outer}": } } }
include lc
