# binary_file() reads a module's file (or an absolute path) as a Binary
# value: the catalog's plain JSON carries its base64, String(b, '%s') its
# bytes; a missing file is Puppet's error.
# RUN: cppetc compile --node n1 --manifest %s --modulepath %inputs/binmods --facts %inputs/facts.json | python3 %inputs/catalog-params.py | FileCheck %s
# RUN: echo "notice(binary_file('bintest/nope.bin'))" > %t.pp
# RUN: not cppetc compile --node n1 --manifest %t.pp --modulepath %inputs/binmods --facts %inputs/facts.json 2>&1 | FileCheck %s --check-prefix=ERR
$b = binary_file('bintest/bytes.bin')
notify { 'bin':
  message => [$b, String(binary_file('bintest/hi.txt'), '%s'), $b.length, $b =~ Binary],
}
# CHECK: bin {"message": ["AAH/", "hi\n", 3, true]} []
# ERR: error: binary_file(): The given file 'bintest/nope.bin' does not exist
