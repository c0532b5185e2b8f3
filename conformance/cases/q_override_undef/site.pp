class base { file { '/tmp/y': mode => '0644', owner => 'root' } }
class sub inherits base { File['/tmp/y'] { mode => undef } }
include sub
