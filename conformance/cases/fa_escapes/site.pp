notify { 'batch':
  message => [batch_escape('a "b" $c \d %e%'), batch_escape(undef), batch_escape(42), batch_escape(['a', 1])],
}
notify { 'powershell':
  message => [powershell_escape("a b'c`d|e\$f\"g\nh"), powershell_escape(undef), powershell_escape(1.5)],
}
notify { 'shell_split':
  message => [
    shell_split('a b  c'),
    shell_split("  one 'two three' \"four \\\"five\\\" \\\$x \\y\" six\\ seven  "),
    shell_split("a'b'c\"d\"e"),
    shell_split(''),
    shell_split('x\\'),
    shell_split(undef),
    shell_split("tab\tsep\nnl"),
    shell_split("a\\\nb 'x\\y' \"q\\\nr\""),
  ],
}
