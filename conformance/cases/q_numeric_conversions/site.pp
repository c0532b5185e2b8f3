# Integer, Float and Numeric from strings: Puppet's Convertible forms
# (digits with a leading 0 for octal, 0x, 0b, a sign with or without
# whitespace after it) and a radix.
notify { 'numbers':
  message => [
    Integer('017'), Integer('017', 10), Integer('0x1F'), Integer('0x1f', 16),
    Integer('-0b11'), Integer('- 4'), Integer(' 42'), Integer('+7'),
    Numeric('0x1F'), Numeric('017'), Numeric('1.5e2'), Numeric('+ 3'),
    Float('1e3'), Float('0x10'), Float('- 2.5'), Integer.new('101', 2),
  ],
}
