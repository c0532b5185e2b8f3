notify { 'a': message => 'A'; 'b': message => 'B'; }
file { default: mode => '0600'; '/tmp/1': ; '/tmp/2': mode => '0644' }
