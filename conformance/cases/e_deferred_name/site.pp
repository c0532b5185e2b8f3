$d = Deferred('Upcase', ['x'])
