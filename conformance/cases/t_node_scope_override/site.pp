$v = 'top'
node default {
  $v = 'node'
  include reader_c
  notify { "node sees ${v} ${::v}": }
}
class reader_c { notify { "class sees ${v} ${::v}": } }
