class mymod (String $greeting = 'hello') {
  notify { "mymod says ${greeting}": }
}
