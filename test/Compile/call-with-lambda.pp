# call() passes its arguments and its lambda on to the named function, and
# resolves a Deferred value at compile time.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
$doubled = call('map', [1, 2]) |$x| { $x * 2 }
$sum = call('reduce', [1, 2, 3]) |$m, $x| { $m + $x }
notify { "doubled ${doubled} sum ${sum}": }
notify { "now ${call(Deferred('join', [['a', 'b'], '-']))}": }
# CHECK: "title":"doubled [2, 4] sum 6"
# CHECK: "title":"now a-b"
