$x = assert_type(String, 42)
