define outer_d ($items) {
  $items.each |$i| { inner_d { "${title}-${i}": val => $i } }
}
define inner_d ($val) { notify { "n-${title}": message => $val } }
outer_d { 'o': items => [1, 2] }
