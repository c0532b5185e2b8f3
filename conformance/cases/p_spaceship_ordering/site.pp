notify { 'a': } -> notify { 'b': } -> notify { 'c': }
notify { 'd': }
notify { 'e': }
Notify['d'] ~> Notify['e']
[Notify['a'], Notify['b']] -> Notify['d']
