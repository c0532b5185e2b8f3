class one { notify { '1': } }
class two { notify { '2': } }
include one, two
Class['one'] -> Class['two']
File { owner => 'root' }
file { ['/tmp/f1', '/tmp/f2']: }
File['/tmp/f1', '/tmp/f2'] -> Notify['1']
