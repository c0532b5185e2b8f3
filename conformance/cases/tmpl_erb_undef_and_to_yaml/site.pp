# ERB: a variable that is undef is no instance variable (defined? is
# false); to_yaml writes as Ruby's Psych (a string starting with a
# non-word character is double-quoted, y/n too, numbers-as-strings single).
class tpl(
  Optional[Integer] $limit = undef,
  String $mode = 'fast',
) {
  $h = {
    'path' => '/etc/filebeat/conf.d/*.yml',
    'answer' => 'y',
    'count' => '0',
    'plain' => 'hello world',
    'list' => ['a', '-b', '*c', 'd: e'],
    'nested' => { 'k' => '~', 'empty' => '' },
  }
  notify { 'defined':
    message => inline_template("<% if defined?(@limit) %>limit <%= @limit %><% else %>no limit<% end %> <% if defined?(@mode) %>mode <%= @mode %><% end %>"),
  }
  notify { 'yaml':
    message => inline_template("<%= @h.to_yaml %>"),
  }
}
include tpl
