validate_email_address('bob@example.com', 'bad_email@/d/efdf.com')
