$x = 3.14
$y = 1e3
$z = 0x1F
$w = 0777
$big = 12345678901234
notify { 'nums': message => "${x} ${y} ${z} ${w} ${big} ${100.0/3}" }
notify { 'coll': message => "${[1, 'two', undef, true]} ${{ 'k' => [1, 2], 'u' => undef }}" }
notify { 'esc': message => "tab\there\\back \$dollar \"q\" \u00e9 \u{1F600}" }
notify { 'sq': message => 'single \'q\' \\ \n stays' }
notify { 'types': message => "${Integer[1,2]} ${String} ${Optional[String]} ${Array[Integer, 1]} ${Hash[String, Integer]}" }
notify { 'undef': message => "[${undef}]" }
