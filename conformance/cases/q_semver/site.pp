# SemVer and SemVerRange values: creation, comparison, ranges (SemanticPuppet's
# syntax), matching, string forms and the plain-JSON catalog encoding.
notify { 'values':
  message => [
    String(SemVer('1.2.3')),
    String(SemVer('1.2.3-rc.1+b5')),
    String(SemVer(1, 2, 3)),
    String(SemVer('1.2.3') < SemVer('1.10.0')),
    String(SemVer('1.2.3') == SemVer('1.2.3')),
    String(type(SemVer('1.2.3'))),
    String(SemVer('1.2.3') =~ SemVer['>=1.0.0']),
    String(SemVer('1.2.3') =~ SemVer['>=2.0.0']),
    String(SemVerRange('>=1.0.0 <2.0.0')),
    String(SemVerRange('~> 1.2')),
    String(SemVer('1.5.0') =~ SemVerRange('>=1.0.0 <2.0.0')),
    String(String(SemVer('1.2.3'))),
    String([SemVer('1.2.3')]),
    String(SemVerRange('1.x')),
    String(SemVer('2.0.0') =~ SemVerRange('1.x')),
    String(SemVer('1.9.0') =~ SemVerRange('1.x')),
    String(SemVer('1.2.9') =~ SemVerRange('~> 1.2')),
    String(SemVer('1.3.0') =~ SemVerRange('~> 1.2')),
    String(SemVer('1.3.0') =~ SemVerRange('~> 1.2.0')),
    String(SemVer('1.3.0') =~ SemVerRange('^1.2.0')),
    String(SemVer('1.0.0-rc1') < SemVer('1.0.0')),
    String(SemVer('1.0.0-rc.2') < SemVer('1.0.0-rc.10')),
    String(SemVer('1.5.0') =~ SemVerRange('1.0.0 - 1.4.0 || >=1.5.0')),
    String('1.2.3' =~ SemVer),
    String(SemVer({major => 1, minor => 2, patch => 3})),
    String(SemVer('1.2.3') == SemVer('1.2.3+build')),
  ],
}
notify { 'raw': message => [SemVer('1.2.3-rc.1+b5'), SemVerRange('>=1.0.0 <2.0.0'), { 'v' => SemVer(2, 0, 0) }] }
$checks = [SemVer('1.10.0') > SemVer('1.9.9'), SemVer('1.0.0') =~ SemVer['>=1.0.0', '<0.5.0'], SemVer('0.4.0') =~ SemVer['>=1.0.0', '<0.5.0'], SemVer('1.2.3') =~ Scalar, SemVer('1.2.3') =~ Data]
notify { "checks ${checks}": }
