notify { 'c': message => [1 == '1', '1' == 1, 1.0 == 1, 'a' != 'A', [1] == [1.0], undef == undef, undef == '', 5 > 3.5, 'b' > 'A', [1, 2] in [[1, 2]], 'x' =~ String, 5 =~ Integer[6], /x/ == /x/] }
