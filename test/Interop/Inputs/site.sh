# make_interop_site DIR: a code directory DIR/code whose production
# environment manages, under DIR/target only, a directory and four files:
# one from a module's files/ (puppet:///modules/interop/f.txt, mode 0640),
# one from an ERB template(), one from an EPP epp() with a parameter, and
# one whose content is a Deferred call the agent makes (with a fact).
# The module also has a custom fact (lib/facter) and an external fact
# (facts.d) that the templates print: they reach the catalog only through
# the agent's pluginsync. No notify: a converged catalog changes nothing.
make_interop_site() {
  local D=$1
  local E=$D/code/environments/production
  local M=$E/modules/interop
  mkdir -p "$E/manifests" "$M/manifests" "$M/files" "$M/templates" \
    "$M/lib/facter" "$M/facts.d" "$D/code/modules"
  cat > "$M/lib/facter/interop_plugin.rb" <<'RB'
Facter.add(:interop_plugin) { setcode { 'from a synced plugin' } }
RB
  echo 'interop_external=from synced facts.d' > "$M/facts.d/interop.txt"
  echo "served by cppet-master" > "$M/files/f.txt"
  cat > "$M/templates/t.erb" <<'ERB'
erb: <%= @greeting %> <%= @facts['clientcert'] %>
plugin: <%= @facts['interop_plugin'] %>
<% @items.each do |i| -%>
item <%= i %>
<% end -%>
ERB
  cat > "$M/templates/e.epp" <<'EPP'
<%- | String $who, Array[String] $items | -%>
epp: hello <%= $who %>
external: <%= $facts['interop_external'] %>
<% $items.each |$i| { -%>
item <%= $i %>
<% } -%>
EPP
  cat > "$M/manifests/init.pp" <<'PP'
class interop (String $target, String $greeting = 'hi') {
  $items = ['a', 'b']
  file { $target: ensure => directory }
  file { "${target}/f.txt":
    source => 'puppet:///modules/interop/f.txt',
    mode   => '0640',
  }
  file { "${target}/erb.txt": content => template('interop/t.erb') }
  file { "${target}/epp.txt":
    content => epp('interop/e.epp', { 'who' => $facts['clientcert'], 'items' => $items }),
  }
  file { "${target}/deferred.txt":
    content => Deferred('sprintf', ["deferred: %s %s\n",
      Deferred('$facts', ['interop_plugin']), Deferred('upcase', ['x'])]),
  }
}
PP
  cat > "$E/manifests/site.pp" <<PP
node default {
  class { 'interop': target => "$D/target/\${facts['clientcert']}" }
}
PP
  mkdir -p "$D/target"
}
