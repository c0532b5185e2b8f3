$fam = $facts.dig('os', 'family')
$none = $facts.dig('os', 'nope', 'deeper')
$get = $facts.get('os.release.major')
notify { 'd': message => [$fam, $none, $get, $facts['missing'], $::osfamily] }
