# stdlib's parseyaml and loadyaml: YAML as Puppet reads it, the default for
# a missing file, a false or empty document, or (when truthy) a parse error.
$doc = "---\nkey: value\nnum: 42\nflag: true\nlist:\n  - 1\n  - two\n"
notify { 'parse': message => String(parseyaml($doc)) }
notify { 'bad': message => String(parseyaml("key: [unclosed", { 'default' => true })) }
notify { 'empty': message => String(parseyaml('', 'fallback')) }
notify { 'missing': message => String(loadyaml('/nonexistent/cppet.yaml', { 'none' => 1 })) }
