$checks = [
  1 =~ Integer, '1' =~ Integer, [1, 'a'] =~ Array[Variant[Integer, String]],
  { 'a' => 1 } =~ Hash[String, Integer], undef =~ Optional[String], 'abc' =~ Pattern[/b/],
  'x' =~ Enum['x', 'y'], 3.0 =~ Float, 3 =~ Numeric, true =~ Boolean, File['/x'] =~ Type[Resource],
  Integer[1, 5] < Integer, String[2] =~ Type[String], [1, 2] =~ Tuple[Integer, Integer],
  { 'a' => 1 } =~ Struct[{ 'a' => Integer, Optional['b'] => String }],
]
notify { 'types': message => $checks }
notify { 'conv': message => [Integer('42'), Integer('0x10'), Float('2.5'), String(42), String(255, '%x'), Array('a'), Boolean('true')] }
