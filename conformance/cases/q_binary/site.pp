# Binary values: creation from base64 and raw strings, formats, length,
# equality and the plain-JSON catalog encoding.
notify { 'values':
  message => [
    String(Binary('aGVsbG8=')),
    String(String(Binary('hello', '%r'))),
    String(Binary('hello', '%r')),
    String(type(Binary('aGVsbG8='))),
    String(Binary('aGVsbG8=').length),
    String(Binary('aGVsbG8=') == Binary('hello', '%r')),
    String(String(Binary('aGVsbG8='), '%s')),
    String(String(Binary('aGVsbG8='), '%B')),
    String(Binary([104, 105])),
    String(Binary('hello', '%s')),
    String(Binary('aGVs bG8=', '%b')),
  ],
}
notify { 'raw': message => [Binary('aGVsbG8='), Binary([0, 255, 1])] }
