validate_x509_rsa_key_pair('not a cert', 'not a key')
