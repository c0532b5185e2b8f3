function add_one(Integer $x) >> Integer { $x + 1 }
function greet(String $n, String $greeting = 'Hello') { "${greeting}, ${n}!" }
type MyPort = Integer[1, 65535]
$p = 8080
notify { 'f': message => [add_one(41), greet('Bob'), greet('Al', 'Hi'), $p =~ MyPort, assert_type(MyPort, $p)] }
