# --rich-data encodes parameter values as Puppet's rich data catalog does
# (what the master sends to agents that accept
# application/vnd.puppet.rich+json); without it they are Puppet's plain JSON
# strings. References stay strings, a parameter's own Sensitive is unwrapped
# and listed in sensitive_parameters, and a Sensitive inside a value stays
# wrapped, in both (the PLAIN lines are Puppet 7.23's catalog).
# RUN: cppetc compile --node n1 --manifest %s --facts %inputs/facts.json --rich-data | python3 %inputs/catalog-params.py | FileCheck %s --check-prefix=RICH
# RUN: cppetc compile --node n1 --manifest %s --facts %inputs/facts.json | python3 %inputs/catalog-params.py | FileCheck %s --check-prefix=PLAIN
notify { 'deferred': message => Deferred('sprintf', ['%s-%s', Deferred('$facts', ['kernel']), 'x']) }
notify { 'nodefargs': message => Deferred('f') }
notify { 'values':
  message => [{ 1 => 'one', 'a' => 'b' }, Timestamp('2020-01-01T00:00:00 UTC'), Integer[1, 2], /a.c/,
              Sensitive('s'), Notify['deferred'], { 'a' => 1 }],
}
notify { 'secret': message => Sensitive('pw') }
# RICH: deferred {"message": {"__ptype": "Deferred", "arguments": ["%s-%s", {"__ptype": "Deferred", "arguments": ["kernel"], "name": "$facts"}, "x"], "name": "sprintf"}} []
# RICH: nodefargs {"message": {"__ptype": "Deferred", "name": "f"}} []
# RICH: secret {"message": "pw"} ['message']
# RICH: values {"message": [{"__ptype": "Hash", "__pvalue": [1, "one", "a", "b"]}, {"__ptype": "Timestamp", "__pvalue": "2020-01-01T00:00:00.000000000 UTC"}, {"__ptype": "Type", "__pvalue": "Integer[1, 2]"}, {"__ptype": "Regexp", "__pvalue": "a.c"}, {"__ptype": "Sensitive", "__pvalue": "s"}, "Notify[deferred]", {"a": 1}]} []
# PLAIN: deferred {"message": "Deferred({'name' => 'sprintf', 'arguments' => ['%s-%s', Deferred({'name' => '$facts', 'arguments' => ['kernel']}), 'x']})"} []
# PLAIN: nodefargs {"message": "Deferred({'name' => 'f'})"} []
# PLAIN: secret {"message": "pw"} ['message']
# PLAIN: values {"message": [{"1": "one", "a": "b"}, "2020-01-01T00:00:00.000000000 UTC", "Integer[1, 2]", "/a.c/", {"__ptype": "Sensitive", "__pvalue": "s"}, "Notify[deferred]", {"a": 1}]} []
