node default { hiera_include('classes') }
class a_cls { notify { 'a': } }
class b_cls { notify { 'b': } }
