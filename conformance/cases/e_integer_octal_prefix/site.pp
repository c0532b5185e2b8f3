$x = Integer('0o17')
