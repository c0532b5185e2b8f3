# Automatic parameter lookup and lookup() with hocon_data files.
class app (String $appname, Integer $port, String $root, Hash $users, Array $tags) {
  notify { 'app':
    message => [$appname, $port, $root, $users, $tags],
  }
}
include app
notify { 'lookup':
  message => [
    lookup('app::users', Hash, 'deep'),
    lookup('app::tags', Array, 'unique'),
    lookup('app::missing', Data, 'first', 'default'),
  ],
}
