# tree_each: depth- and breadth-first walks, the include_* options,
# container_type, 1- and 2-parameter lambdas, break, no lambda
$tree = [1, [2, [3], []], { 'a' => 4, 'b' => [5, { 'c' => 6 }] }, 7]
function show(Iterable $pairs) >> String {
  $pairs.map |$p| { "${p[0]}=${p[1]}" }.join(' ')
}
notify { 'df': message => show(tree_each($tree)) }
notify { 'bf': message => show(tree_each($tree, { 'order' => 'breadth_first' })) }
notify { 'df_noroot': message => show(tree_each($tree, { 'include_root' => false })) }
notify { 'df_values': message => show(tree_each($tree, { 'include_containers' => false })) }
notify { 'df_containers': message => show(tree_each($tree, { 'include_values' => false })) }
notify { 'bf_values': message => show(tree_each($tree, { 'order' => 'breadth_first', 'include_containers' => false })) }
notify { 'bf_containers': message => show(tree_each($tree, { 'order' => 'breadth_first', 'include_values' => false })) }
notify { 'arrays_only': message => show(tree_each($tree, { 'container_type' => Array, 'include_root' => false })) }
notify { 'hash_root': message => show(tree_each({ 'x' => { 'y' => [1, 2] }, 'z' => 3 })) }
$one = tree_each([1, [2, 3]]) |$v| { notice("one: ${v}") }
notify { 'one_ret': message => String($one) }
tree_each([[1, 2], [3, [4, 5]]]) |$path, $v| {
  if $v == 3 { break() }
  notify { "two_${path}": message => String($v) }
}
notify { 'empty': message => show(tree_each([])) }
notify { 'chain': message => String(tree_each({ 'a' => [1, 2] }).filter |$pv| { $pv[1] =~ Integer }) }
