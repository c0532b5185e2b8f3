notify { 'x': message => fqdn_uuid(1) }
