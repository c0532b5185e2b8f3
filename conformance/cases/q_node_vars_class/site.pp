node default {
  $nodevar = 'from node'
  include nv
}
class nv { notify { "nv sees ${nodevar}": } }
