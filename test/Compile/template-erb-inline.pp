# inline_template() evaluates Ruby expressions, blocks and string methods.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
$h = { 'b' => 2, 'a' => 1 }
$x = inline_template("<% @h.sort.each do |k, v| -%><%= k %>=<%= v %>;<% end -%>",
  "<%= [3, 1, 2].sort.map { |i| i * 10 }.join('-') %>|<%= 'a,b'.split(',').inspect %>|<%= @h %>")
notify { 'x': message => $x }
# CHECK: "message":"a=1;b=2;10-20-30|[\"a\", \"b\"]|{\"b\"=>2, \"a\"=>1}"
