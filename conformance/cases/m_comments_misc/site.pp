# comment
/* block
comment */ notify { 'after block': } # trailing
$x = "# not a comment"
notify { $x: }
