notify { 'x': message => stdlib::xml_encode('a', 'html') }
