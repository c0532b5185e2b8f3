include apt
apt::key { 'puppetlabs': id => 'D6811ED3ADEEB8441AF5AA8F4528B6CD9E61EF26', server => 'keyserver.ubuntu.com' }
apt::pin { 'stable': priority => 900, release => 'bookworm' }
apt::setting { 'conf-proxy': content => 'Acquire::http::proxy "http://proxy:3128";', priority => 10 }
