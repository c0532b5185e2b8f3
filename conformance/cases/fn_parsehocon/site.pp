# stdlib's parsehocon: HOCON text as the Ruby hocon gem reads it; the
# default stands in for a parse error (and only for one).
$conf = @(HOCON)
  # a comment
  server {
    host = example.com
    port = 8080
    ratio = 0.5
    whole = 3.0
    enabled = true
    nothing = null
  }
  server.port = 8443
  base = /srv
  paths = [ ${base}"/a", ${base}/b ]
  paths += /c
  motd = Welcome to  ${server.host}
  text = """raw \n text"""
  defaults { a = 1, b = 2 }
  merged = ${defaults} { b = 3, c = 4 }
  | HOCON
notify { 'conf':
  message => parsehocon($conf),
}
notify { 'braced':
  message => parsehocon('{"a" : [1, 2, {"b" : "c"}], "d" : "\u00e9"}'),
}
notify { 'empty':
  message => parsehocon(''),
}
notify { 'default':
  message => [
    parsehocon('a = [1', 'fallback'),
    parsehocon('a = ${missing}', { 'x' => 1 }),
    parsehocon('a = {', undef),
  ],
}
notify { 'types':
  message => parsehocon('i = 010, f = 1e3, g = 2.5e-1, s = 08, t = truex, u = "1"').map |$k, $v| {
    "${k}=${type($v, 'generalized')}"
  },
}
