class parent_d { Exec { path => '/bin' } }
class child_d inherits parent_d { exec { 'x': command => 'true' } }
include child_d
