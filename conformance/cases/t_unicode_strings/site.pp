$s = "caf\u00e9 ☃ ${'x'}"
notify { 'u': message => [$s, $s.length, $s.upcase, "\u{1F600}".length] }
