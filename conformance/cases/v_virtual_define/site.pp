define vd ($m = 'x') { notify { "vd ${title} ${m}": } }
@vd { 'one': m => 'a' }
@vd { 'two': }
Vd <| title == 'one' |>
