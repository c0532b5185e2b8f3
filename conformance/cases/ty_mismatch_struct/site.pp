type Endpoint = Struct[{ host => String[1], port => Integer }]
class ep (Endpoint $e) { }
class { 'ep': e => { 'host' => 'x', 'port' => 'eighty' } }
