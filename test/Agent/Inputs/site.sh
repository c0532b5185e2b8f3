# make_site DIR: a code directory DIR/code with the production environment:
# a notify, and under DIR/target a directory, a file from a module's files/
# (puppet:///modules/demo/f.txt, mode 0640) and one from an ERB template.
make_site() {
  local D=$1
  local E=$D/code/environments/production
  mkdir -p "$E/manifests" "$E/modules/demo/files" "$E/modules/demo/templates"
  echo "from the master" > "$E/modules/demo/files/f.txt"
  echo 'host <%= @facts["clientcert"] %> env <%= @environment %>' \
    > "$E/modules/demo/templates/t.erb"
  cat > "$E/manifests/site.pp" <<PP
node default {
  notify { 'hello': message => "hello from \${facts['clientcert']}" }
  file { '$D/target': ensure => directory }
  file { '$D/target/f.txt':
    source => 'puppet:///modules/demo/f.txt',
    mode   => '0640',
  }
  file { '$D/target/t.txt': content => template('demo/t.erb') }
}
PP
}
