class first_c { notify { 'f': } }
class second_c { notify { 's': } }
class wrapper_c { contain first_c contain second_c Class['first_c'] -> Class['second_c'] }
include wrapper_c
