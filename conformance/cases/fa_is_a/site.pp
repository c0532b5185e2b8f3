notify { 'is_a':
  message => [is_a(1, Integer), is_a('1', Integer), is_a([1, 'a'], Array[Variant[Integer, String]]), is_a(undef, Optional[String]), is_a({ 'a' => 1 }, Hash[String, Integer, 1, 1]), is_a(3.0, Numeric), is_a('x', Enum['x', 'y']), is_a(Integer, Type)],
}
