$meta = load_module_metadata('stdlib')
notify { 'modules':
  message => [
    get_module_path('stdlib') =~ /\/modules\/stdlib\z/,
    $meta['name'],
    $meta['license'],
    $meta['dependencies'],
    load_module_metadata('stdlib', false)['name'],
  ],
}
