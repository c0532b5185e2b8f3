# tag() after a declaration reaches the resources already declared in the
# class or define (their container's tags at the end), and a define
# instance takes its container's tags when it is evaluated.
class c { notify { 'x': } tag 'late' }
include c
define d { notify { "in ${title}": } }
class e { d { 'de': } tag 'etag' }
include e
class f { tag 'early' notify { 'y': } }
include f
define wrap($x = $title) {
  notify { "wrap ${name} ${x}": }
  tag 'wrapped'
}
wrap { 'w1': }
