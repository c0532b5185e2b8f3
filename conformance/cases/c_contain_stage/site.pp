stage { 'setup': before => Stage['main'] }
class outer_s { contain inner_s }
class inner_s { notify { 'inner': } }
class { 'outer_s': stage => 'setup' }
