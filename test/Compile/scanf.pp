# scanf follows Ruby's scanf library (String#scanf), which Puppet calls:
# specifiers with widths, skips (%*), sets (%[...]), %i's radix prefixes,
# hexadecimal floats; the scan stops at the first specifier that does not
# match. The expected values are what the scanf library returns for each
# call (checked with JRuby's copy of it; Debian's Ruby 3.1 lacks the gem, so
# the real Puppet cannot run scanf here).
# REQUIRES: forge-modules
# RUN: cppetc compile --node web1.example.com --manifest %s --modulepath /usr/share/puppet/modules --facts %inputs/facts.json 2>&1 >/dev/null | FileCheck %s
notice(to_ruby(scanf("42 abc 1.5", "%d %s %f")))
# CHECK: Notice: {{.*}}: [42, "abc", 1.5] (file:
notice(to_ruby(scanf("  -17 0x1f 017", "%d %x %o")))
# CHECK-NEXT: Notice: {{.*}}: [-17, 31, 15] (file:
notice(to_ruby(scanf("0x1f 017 -12", "%i %i %i")))
# CHECK-NEXT: Notice: {{.*}}: [31, 15, -12] (file:
notice(to_ruby(scanf("0", "%i")))
# CHECK-NEXT: Notice: {{.*}}: [] (file:
notice(to_ruby(scanf("abc123def", "%[a-z]%d%s")))
# CHECK-NEXT: Notice: {{.*}}: ["abc", 123, "def"] (file:
notice(to_ruby(scanf("hello world", "%5s%s")))
# CHECK-NEXT: Notice: {{.*}}: ["hello", "world"] (file:
notice(to_ruby(scanf("hello", "%3c")))
# CHECK-NEXT: Notice: {{.*}}: ["hel"] (file:
notice(to_ruby(scanf("  x", "%c")))
# CHECK-NEXT: Notice: {{.*}}: [" "] (file:
notice(to_ruby(scanf("  x", " %c")))
# CHECK-NEXT: Notice: {{.*}}: ["x"] (file:
notice(to_ruby(scanf("12:34:56", "%d:%d:%d")))
# CHECK-NEXT: Notice: {{.*}}: [12, 34, 56] (file:
notice(to_ruby(scanf("12-34", "%d:%d")))
# CHECK-NEXT: Notice: {{.*}}: [12] (file:
notice(to_ruby(scanf("1.e5 .5 -2.5e-3 7", "%f %f %f %f")))
# CHECK-NEXT: Notice: {{.*}}: [1.0, 0.5, -0.0025, 7.0] (file:
notice(to_ruby(scanf("0x1.8p1", "%a")))
# CHECK-NEXT: Notice: {{.*}}: [3.0] (file:
notice(to_ruby(scanf("100%", "%d%%")))
# CHECK-NEXT: Notice: {{.*}}: [100] (file:
notice(to_ruby(scanf("a,b,c", "%[^,],%[^,],%s")))
# CHECK-NEXT: Notice: {{.*}}: ["a", "b", "c"] (file:
notice(to_ruby(scanf("12345", "%2d%3d")))
# CHECK-NEXT: Notice: {{.*}}: [12, 345] (file:
notice(to_ruby(scanf("ABCxyz", "%[[:upper:]]%s")))
# CHECK-NEXT: Notice: {{.*}}: ["ABC", "xyz"] (file:
notice(to_ruby(scanf("3.14159", "%4f%s")))
# CHECK-NEXT: Notice: {{.*}}: [3.14, "159"] (file:
notice(to_ruby(scanf("skip 5", "%*s %d")))
# CHECK-NEXT: Notice: {{.*}}: [5] (file:
notice(to_ruby(scanf("ff FF", "%X %x")))
# CHECK-NEXT: Notice: {{.*}}: [255, 255] (file:
notice(to_ruby(scanf("99 bottles", "%d %*s")))
# CHECK-NEXT: Notice: {{.*}}: [99] (file:
notice(to_ruby(scanf("abc", "%d")))
# CHECK-NEXT: Notice: {{.*}}: [] (file:
notice(to_ruby(scanf("", "%d")))
# CHECK-NEXT: Notice: {{.*}}: [] (file:
notice(to_ruby(scanf("x", "")))
# CHECK-NEXT: Notice: {{.*}}: [] (file:
notice(to_ruby(scanf("+5 -0x10", "%d %i")))
# CHECK-NEXT: Notice: {{.*}}: [5, -16] (file:
notice(to_ruby(scanf("line1\nline2", "%s %s")))
# CHECK-NEXT: Notice: {{.*}}: ["line1", "line2"] (file:
notice(scanf('42 rest', '%d') |$r| { $r[0] + 1 })
# CHECK-NEXT: Notice: {{.*}}: 43 (file:
