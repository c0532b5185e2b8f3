class u_c ($p = undef, String $q = 'q') { notify { "p=${p} q=${q}": } }
class { 'u_c': p => undef }
notify { 'undef_msg': message => undef }
