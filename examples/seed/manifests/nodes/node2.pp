# A reverse proxy in front of the application servers.
node 'node2.test.com' inherits 'base' {
  include nginx::nginx_proxy
}
