class base_p { $pkg = 'base-pkg' }
class child_p ($name_p = $base_p::pkg) inherits base_p { notify { "child ${name_p} ${pkg}": } }
include child_p
