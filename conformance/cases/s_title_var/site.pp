class tv { notify { "title=${title} name=${name} module=${module_name}": } }
include tv
define dv ($x = $title) { notify { "dv ${x} ${name}": } }
dv { 'one': }
