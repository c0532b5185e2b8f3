define dd () { File { mode => '0444' } file { "/tmp/${title}": } }
dd { 'a': }
File { owner => 'nobody' }
