# A web server: nginx serving a static site.
node 'node1.test.com' inherits 'base' {
  include nginx::nginx_web
}
