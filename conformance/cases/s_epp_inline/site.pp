$x = inline_epp('<% $items.each |$i| { -%>
item <%= $i %>
<% } -%>
total: <%= $items.length %>', { 'items' => ['a', 'b'] })
notify { 'epp': message => $x }
$y = inline_epp('<%- | String $who = "you" | -%>hi <%= $who %>')
notify { 'epp2': message => $y }
