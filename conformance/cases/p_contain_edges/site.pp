class inner { notify { 'i': } }
class outer { contain inner notify { 'o': } }
class other { require inner }
include outer
include other
