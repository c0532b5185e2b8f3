$name1 = 'World'
$t = @("EOT"/L)
    Hello ${name1}
      indented \
    continued
    | EOT
notify { 'h': message => $t }
$j = @(JSON:json)
  {"a": 1}
  |-JSON
notify { 'j': message => $j }
