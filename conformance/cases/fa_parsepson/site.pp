notify { 'pson':
  message => [
    parsepson('{"a": [1, 2.5, null, true, "\\n"], "b": {}}'),
    parsepson('[1]'),
    parsepson(' [1] '),
    parsepson('nope', 'dflt'),
    parsepson('1', 'd1'),
    parsepson('{"a":1} x', 'd2'),
    parsepson('[1e3, -0, 1E2, 1.0, 1.5e3, 2E-2, -0.0]'),
    parsepson('[1,]', 'd3'),
    parsepson('{"a":1,"a":2}'),
    parsepson('{"b":1,"a":2,"b":3}'),
    parsepson('[1,'),
    parsepson('[1', 'd7'),
    parsepson('{"a":1,'),
    parsepson('// c
/* x */ [1, /* y */ 2] // z
'),
    parsepson('[1] // tail', 'd8'),
    parsepson('["a\tb", "\a\q\/\\\\", "\u0041\u4142", "ünï"]'),
    parsepson('[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]'),
    parsepson('[true, false, null]'),
    parsepson('[] []', 'd4'),
    parsepson('   ', 'd5'),
    parsepson('["a\u00e9"]', 'd6'),
  ],
}
