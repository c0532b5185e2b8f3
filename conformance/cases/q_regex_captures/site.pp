$s = 'web-42.example.com'
if $s =~ /^(\w+)-(\d+)\./ { notify { "cap ${1} ${2} ${0}": } }
$x = $s ? { /^(db|web)-/ => "role ${1}", default => 'none' }
notify { $x: }
case $s { /(\d+)/: { notify { "num ${1}": } } }
