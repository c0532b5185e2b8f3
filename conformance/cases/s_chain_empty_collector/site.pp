# A chain through a collector that collects nothing links its neighbours
# (Puppet's empty alternative), with the arrow after the collector; an
# empty array passes its left side on; each side of an arrow is a set.
define cfg() { }
notify { 'begin': }
notify { 'end': }
Notify['begin'] -> Cfg<||> ~> Notify['end']
Notify['begin'] -> Cfg<| title == 'a' |> -> Notify['x'] ~> Notify['end']
notify { ['x', 'y', 'z']: }
Notify['y'] -> [] -> Notify['z']
[Notify['x'], Notify['x']] -> Notify['y']
cfg { 'b': }
Notify['begin'] -> Cfg<| title == 'b' |> ~> Notify['z']
