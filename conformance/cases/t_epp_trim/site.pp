$a = inline_epp("A <% if true { -%>X <% } -%> B\nC")
$b = inline_epp("A <% if true { -%>  \n  X <% } -%>   \nD")
$c = inline_epp("A <%= 1 -%>  E\nF")
$d = inline_epp("A <%= 1 -%>\t\t\nG")
$e = inline_epp("L1\n   <%- if true { -%>\nL2 x <%- if true { %> y <% } %>\n\t<%- } %>|")
$f = inline_epp("a <%# c -%>  b <%% c %%> d")
notify { 'x': message => [$a, $b, $c, $d, $e, $f] }
