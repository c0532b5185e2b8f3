# A collector's query is evaluated again at every round of generators, after
# the define or lambda that declared it has returned: the variables it reads
# must still be there (finished scopes otherwise drop their variables).
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json | FileCheck %s
define collect_tagged($wanted) {
  $t = $wanted
  Notify <| tag == $t |> { message => "collected by ${title}" }
}
define make_late() {
  @notify { "virtual-${title}": tag => ['late', 'late1'] }
}
collect_tagged { 'c': wanted => 'late' }
[1].each |$i| {
  $lt = "late${i}"
  Notify <| tag == $lt |> { withpath => true }
}
make_late { 'x': }
# CHECK:      "title": "virtual-x",
# CHECK:      "withpath": true,
# CHECK-NEXT: "message": "collected by c"
