# A default that reads a parameter given no value fails on that parameter.
class g(String $user, String $group, $userhome = "/home/${group}") {}
include g
