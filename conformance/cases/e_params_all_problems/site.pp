# Every missing or mistyped parameter is reported, in order.
class g(Integer $n = 'x', String $user, Integer $m = 'y') {}
include g
