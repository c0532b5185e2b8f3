class present_c { }
include present_c
notify { 'x': }
$d = [defined(Class['present_c']), defined('present_c'), defined(Notify['x']), defined(Notify['y']), defined('$nope'), defined('notify'), defined('nosuchtype')]
notify { 'defined': message => $d }
