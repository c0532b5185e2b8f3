notify { 'reject':
  message => [reject(['aaa', 'bbb', 'ccc', 'aaaddd', 1], 'aaa'), reject(['a', 'B'], /b/), reject({ 'aa' => 1, 'b' => 2 }, 'a'), reject([], 'x'), reject(['x.y', 'xzy'], 'x\.y')],
}
notify { 'clamp':
  message => [clamp('24', [575, 187]), clamp(16, 88, 661), clamp([4, 3, '99']), clamp(1.9, 1.2, 5), clamp(-5, '3', 10), clamp([[7], [[1]], 9])],
}
