node 'web1.example.com' inherits 'base' {
  notify { "web1 sees role ${role}": }
}
