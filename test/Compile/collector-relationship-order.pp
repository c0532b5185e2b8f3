# A relationship to a collector lists the collected resources in the order
# they were declared, not in the order of their addresses in memory.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json | FileCheck %s
define wrap() {
  notify { "inner-${title}": tag => 'x' }
}
notify { 'first': tag => 'x' }
wrap { 'a': }
notify { 'second': tag => 'x' }
wrap { 'b': }
notify { 'third': tag => 'x' }
exec { 'start': command => '/bin/true' }
Exec['start'] -> Notify <| tag == 'x' |>
# CHECK:      "title": "start",
# CHECK:      "before": [
# CHECK-NEXT:   "Notify[first]",
# CHECK-NEXT:   "Notify[second]",
# CHECK-NEXT:   "Notify[third]",
# CHECK-NEXT:   "Notify[inner-a]",
# CHECK-NEXT:   "Notify[inner-b]"
# CHECK-NEXT: ]
