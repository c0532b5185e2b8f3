notify { 'pson':
  message => [
    parsepson('{"a": [1, 2.5, null, true, "\\n"], "b": {}}'),
    parsepson('[1]'),
    parsepson(' [1] '),
    parsepson('nope', 'dflt'),
    parsepson('1', 'd1'),
    parsepson('{"a":1} x', 'd2'),
    parsepson('[1e3, -0, 1E2, 1.0]'),
    parsepson('[1,]', 'd3'),
    parsepson('{"a":1,"a":2}'),
  ],
}
