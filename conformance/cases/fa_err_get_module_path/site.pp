notify { 'x': message => get_module_path('nosuchmodule_x') }
