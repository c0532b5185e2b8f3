rsync::get { '/srv/mirror': source => 'rsync://mirror.example.com/repo/', recursive => true, purge => true }
rsync::put { 'backup.example.com:/backups/': source => '/srv/data/', keyfile => '/root/.ssh/id_rsa' }
