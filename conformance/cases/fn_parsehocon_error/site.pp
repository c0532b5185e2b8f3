# parsehocon's default stands in for a ConfigParseError only: a document
# whose root is a list is a ConfigWrongTypeError, raised anyway.
notify { 'x':
  message => parsehocon('[1, 2]', 'fallback'),
}
