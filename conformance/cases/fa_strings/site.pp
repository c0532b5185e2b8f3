notify { 'eol':
  message => [dos2unix("a\r\nb\r\r\nc\n"), unix2dos("a\nb\r\nc\r\r\nd\r"), unix2dos(''), dos2unix('plain')],
}
notify { 'reverse':
  message => [reverse('abc'), reverse('héllo'), reverse([1, 'two', [3]]), reverse(''), reverse([])],
}
notify { 'shuffle':
  message => [shuffle([3, 1, 2]).sort, shuffle('cab').split('').sort, shuffle('x'), shuffle([]), shuffle(['a', 'a']), size(shuffle('héllo'))],
}
