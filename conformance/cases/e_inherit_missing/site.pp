class c1 inherits nothere { }
include c1
