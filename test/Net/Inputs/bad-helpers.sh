# Helpers for the bad-*.test scripts (bash; sourced after server.sh, which
# starts the master as start_server does it, with $T the test directory).
#
#   snapshot [NAME]   records the state of the server's ssldir (every file's
#                     path, mode and SHA-256: the CA's inventory, serial,
#                     CRL, requests, signed certificates, keys) and of its
#                     store (vardir) as NAME (default "before")
#   unchanged [NAME]  prints "ssldir unchanged", or the difference from
#                     snapshot NAME
#   still_serving     a good request: the simple status, and the CA
#                     certificate again; prints "still serving" or why not
#   put_csr NAME FILE PUT certificate_request/NAME with FILE as the body
#   new_csr CN FILE   a fresh 2048-bit key (FILE.key) and CSR (FILE) for CN

ssl_state() {
  (cd "$SERVER_DIR/ssl" && find . -print0 | sort -z |
    xargs -0 stat -c '%n %a %s' && find . -type f -print0 | sort -z |
    xargs -0 sha256sum)
}

snapshot() {
  ssl_state > "$T/ssl-${1:-before}.state"
}

unchanged() {
  if ssl_state | diff "$T/ssl-${1:-before}.state" - >"$T/ssl.diff"; then
    echo "ssldir unchanged"
  else
    echo "ssldir changed:"
    cat "$T/ssl.diff"
  fi
}

still_serving() {
  local Status CA
  Status=$(ca_curl /status/v1/simple 2>&1)
  CA=$(ca_curl /puppet-ca/v1/certificate/ca 2>&1 | head -1)
  if [ "$Status" = "running
[200]" ] && [ "$CA" = "-----BEGIN CERTIFICATE-----" ]; then
    echo "still serving"
  else
    echo "not serving: $Status $CA"
  fi
}

put_csr() {
  ca_curl "/puppet-ca/v1/certificate_request/$1" -X PUT \
    -H 'Content-Type: text/plain' --data-binary "@$2"
}

new_csr() {
  openssl req -new -newkey rsa:2048 -nodes -keyout "$2.key" -subj "/CN=$1" \
    -out "$2" 2>/dev/null
}
