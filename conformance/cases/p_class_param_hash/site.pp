class cfg (Hash $opts = { 'a' => 1 }, Array[String] $list = [], Optional[String] $maybe = undef, Boolean $flag = false) {
  notify { 'cfg': message => [$opts, $list, $maybe, $flag] }
}
class { 'cfg': list => ['x'], flag => true }
