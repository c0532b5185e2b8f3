stage { 'early': }
Stage['early'] -> Stage['main']
class e_cls { notify { 'e': } }
class { 'e_cls': stage => 'early' }
