class { 'tftp': directory => '/srv/tftp', address => '0.0.0.0' }
tftp::file { 'pxelinux.0': source => 'puppet:///modules/tftp/pxelinux.0' }
