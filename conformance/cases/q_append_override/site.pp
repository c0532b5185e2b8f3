class base { file { '/tmp/x': require => [Notify['a']], tag => 'one' } notify { 'a': } notify { 'b': } }
class sub inherits base { File['/tmp/x'] { require +> Notify['b'] } }
include sub
