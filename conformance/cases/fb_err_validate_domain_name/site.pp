validate_domain_name('example.com', 'invalid domain')
