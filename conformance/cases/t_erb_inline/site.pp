$list = ['x', 'y']
$h = { 'k' => 'v' }
notify { 'e': message => inline_template("<%= @list.map { |i| i * 2 }.join('-') %> <%= @h['k'] %> <%= [1, 2, 3].select { |n| n.odd? }.inspect %> <%= 'abc'.sub('b', 'B') %>") }
