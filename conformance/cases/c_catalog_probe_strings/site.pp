# String escapes, unicode, sprintf, regsubst, split, case functions and
# number literals in one catalog.
$str = "line1\nline2\ttab \"q\" \$notvar \\ back"
notify { 'escapes': message => $str }
$sq = 'single \'q\' \\ \n not newline'
notify { 'single': message => $sq }
notify { 'unicode': message => "\u{1F600} \u00e9" }
$fmt = sprintf('%s=%d %5.1f%% %-3s| %+d %x', 'k', 42, 99.5, 'ab', 5, 255)
notify { 'fmt': message => $fmt }
notify { 'regsubst': message => regsubst('a.b.c', '\.', '-', 'G') }
notify { 'regsubst2': message => 'Hello World'.regsubst(/(\w+) (\w+)/, '\2 \1') }
notify { 'split': message => split('a1b2c3', /\d/) }
notify { 'case': message => [upcase('aé'), downcase('ÀB'), capitalize('hello world'), 'abc'.upcase] }
notify { 'strip': message => ["  a  ".strip, "xxayy".lstrip] }
notify { 'nums': message => [0x10, 010, 1e3, 1.5e-3, -0.0] }
