firewall { '100 allow http': dport => [80, 443], proto => 'tcp', action => 'accept' }
firewall { '999 drop all': proto => 'all', action => 'drop', before => undef }
