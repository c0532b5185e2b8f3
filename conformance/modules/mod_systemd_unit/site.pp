systemd::unit_file { 'app.service': content => "[Service]\nExecStart=/bin/true\n", enable => true, active => true }
systemd::dropin_file { 'limits.conf': unit => 'app.service', content => "[Service]\nLimitNOFILE=4096\n" }
