class { 'rsync::server': use_xinetd => false }
rsync::server::module { 'repo': path => '/srv/repo', read_only => 'yes', hosts_allow => ['10.0.0.0/8'] }
