# Arrows chain to the left: `a -> b ~> c` links a to b and b to c, also
# when the chain starts with a resource declaration; parentheses group.
notify { 'start': }
-> Notify['a']
-> Notify['b']
~> Notify['c']
notify { ['a', 'b', 'c', 'd', 'e', 'f']: }
(Notify['d'] -> Notify['e'])
Notify['e'] <- (Notify['f'] <~ Notify['a'])
$r = Notify['c'] -> Notify['d']
notify { 'r': message => "${r} ${[3, 1, 2].sort.join(',')}" }
