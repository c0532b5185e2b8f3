# find_file, find_template, module_directory: paths are shown from the
# modulepath on, as the case directory's location varies.
function tail(Optional[String] $p) >> String {
  $p ? { undef => 'undef', default => regsubst($p, '\A.*/modules/', 'MP/') }
}
notify { 'find_file':
  message => [
    tail(find_file('fbm/a.txt')),
    tail(find_file('fbm/missing', 'fbm/sub/b.txt')),
    tail(find_file(['nomod/a.txt', 'fbm/a.txt'])),
    tail(find_file('fbm/sub')),
    tail(find_file('fbm/')),
    tail(find_file('fbm')),
    tail(find_file('')),
    tail(find_file()),
    tail(find_file([])),
    tail(find_file('/')),
    tail(find_file('/nonexistent/file')),
    tail(find_file('fbm/t.erb')),
  ].join(' '),
}
notify { 'find_template':
  message => [
    tail(find_template('fbm/t.erb')),
    tail(find_template('fbm/a.txt', 'fbm/t.erb')),
    tail(find_template(['fbm/none.erb'])),
  ].join(' '),
}
notify { 'module_directory':
  message => [
    tail(module_directory('fbm')),
    tail(module_directory('nomod', 'other')),
    tail(module_directory(['x', 'fbm'])),
    tail(module_directory('nomod')),
    tail(module_directory('Fbm')),
  ].join(' '),
}
