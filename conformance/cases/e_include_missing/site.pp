class outer { include inner_missing }
include outer
