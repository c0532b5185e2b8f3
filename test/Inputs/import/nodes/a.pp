node 'base' {
  $role = 'base'
  notify { 'from base': }
}
