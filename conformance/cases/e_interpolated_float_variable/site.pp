# A number in ${} names a match variable: only decimal digits may.
notify { "v ${1.5}": }
