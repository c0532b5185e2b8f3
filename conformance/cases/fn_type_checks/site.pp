notify { 't': message => [
  type('x') == String, String == type('x', 'generalized'), type([]) , type({}), type(undef), type(Integer[1]),
  Integer[1, 2] == Integer[1, 2], Array[String] =~ Type[Array], Optional[Integer] =~ Type,
  Variant[String, Integer] == Variant[String, Integer], Tuple[Integer, String] =~ Type[Tuple],
] }
