notify { "q [${nope::var}] [${::nope}]": }
