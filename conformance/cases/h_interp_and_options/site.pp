class app (String $greeting, Integer $port = 80, Array $users = []) {
  notify { 'app': message => [$greeting, $port, $users] }
}
include app
notify { 'direct': message => [lookup('msg'), lookup('aliased'), lookup('nested.inner'), lookup('merged_hash'), lookup('missing', undef, undef, 'dflt'), lookup('literal')] }
