class a_c { Notify { message => 'from a' } include b_c notify { 'in a': } }
class b_c { notify { 'in b': } }
Notify { loglevel => 'info' }
include a_c
notify { 'top': }
