node 'agent1.test' {
  include demo
}
node 'broken.test' {
  $x = undef_function_here(1)
}
node default {
  notify { "default node ${facts['role']}": }
}
