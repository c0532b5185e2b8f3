stage { 'first': before => Stage['main'] }
stage { 'last': require => Stage['main'] }
class a_c { include b_c notify { 'a': } }
class b_c { notify { 'b': } }
class z_c { notify { 'z': } }
class { 'a_c': stage => first }
class { 'z_c': stage => 'last' }
