# A parent class that contains (or includes) its child: the child is in the
# catalog before the parent is evaluated, so its body runs once, after the
# parent's (chrony::install inherits chrony, which contains it).
class app (String $pkg = 'app-pkg') {
  notify { 'in app': }
  contain app::install
  include app::service
}
class app::install ($name_ = $app::pkg) inherits app {
  notify { "install ${name_}": }
}
class app::service inherits app {
  notify { 'service': }
}
include app::install
