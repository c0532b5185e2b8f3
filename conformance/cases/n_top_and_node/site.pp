$top_v = 'T'
notify { 'top level': }
node /^web/ {
  $nv = "${top_v}-N"
  class { 'nc': p => $nv }
}
class nc ($p) { notify { "nc ${p}": } }
