# Helpers for tests over a real `cppet-master server` on loopback TLS;
# sourced by the test/Net scripts (bash). Every wait has a bound, and the
# server is stopped on every exit path (trap EXIT).
#
#   start_server DIR [FLAGS...]  confdir DIR/etc (cppet.conf read from there),
#                                CA in DIR/ssl, certname puppet.test, a free
#                                port in $PORT; the CA certificate fetched
#                                without verification first (as an agent
#                                bootstraps) into DIR/ca.pem
#   ca_curl PATH [CURL ARGS...]  GET (or as the arguments say) against the
#                                server, verified with DIR/ca.pem; prints the
#                                body, then "[STATUS]" on its own line
#   stop_server                  SIGTERM, up to 10 s, then SIGKILL; sets
#                                $SERVER_STATUS
#   log_count REGEX MIN          the number of lines of DIR/server.log that
#                                match REGEX, once at least MIN do (up to
#                                10 s): the server logs a request after it
#                                has sent the answer
set -eu

SERVER_PID=
SERVER_STATUS=
SERVER_DIR=

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "server did not stop on SIGTERM" >&2
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_STATUS=0
  wait "$SERVER_PID" 2>/dev/null || SERVER_STATUS=$?
  SERVER_PID=
}
trap stop_server EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_server() {
  SERVER_DIR=$1
  shift
  PORT=$(free_port)
  # --confdir: no /etc/cppet/cppet.conf of the machine leaks in.
  cppet-master server --no-daemonize --confdir "$SERVER_DIR/etc" \
    --ssldir "$SERVER_DIR/ssl" --vardir "$SERVER_DIR/var" \
    --certname puppet.test --keylength 2048 --bindaddress 127.0.0.1 \
    --serverport "$PORT" --verbose "$@" 2>>"$SERVER_DIR/server.log" &
  SERVER_PID=$!
  for _ in $(seq 1 200); do
    if curl -sfk --max-time 2 -o "$SERVER_DIR/ca.pem" \
      "https://127.0.0.1:$PORT/puppet-ca/v1/certificate/ca"; then
      break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "server exited early:" >&2
      cat "$SERVER_DIR/server.log" >&2
      return 1
    fi
    sleep 0.1
  done
  # From here on, verified: the server's certificate must chain to the CA
  # and name puppet.test.
  [ "$(ca_curl /status/v1/simple)" = "running
[200]" ] || { echo "server not ready" >&2; return 1; }
}

log_count() {
  local Count=0
  for _ in $(seq 1 100); do
    Count=$(grep -c -- "$1" "$SERVER_DIR/server.log" || true)
    [ "$Count" -ge "$2" ] && break
    sleep 0.1
  done
  echo "$Count"
}

ca_curl() {
  local Path=$1
  shift
  curl -sS --max-time 10 --cacert "$SERVER_DIR/ca.pem" \
    --resolve "puppet.test:$PORT:127.0.0.1" -w '\n[%{http_code}]\n' \
    "$@" "https://puppet.test:$PORT$Path"
}

# agent_cert NAME: a key and a certificate for NAME in DIR/NAME.key and
# DIR/NAME.pem, signed by the server (which must autosign).
agent_cert() {
  openssl req -new -newkey rsa:2048 -nodes -keyout "$SERVER_DIR/$1.key" \
    -subj "/CN=$1" -out "$SERVER_DIR/$1.csr" 2>/dev/null
  ca_curl "/puppet-ca/v1/certificate_request/$1" -X PUT \
    -H 'Content-Type: text/plain' --data-binary "@$SERVER_DIR/$1.csr" >/dev/null
  ca_curl "/puppet-ca/v1/certificate/$1" -o "$SERVER_DIR/$1.pem" >/dev/null
}

# as_node NAME PATH [CURL ARGS...]: ca_curl with NAME's certificate.
as_node() {
  local Name=$1
  shift
  local Path=$1
  shift
  ca_curl "$Path" --cert "$SERVER_DIR/$Name.pem" --key "$SERVER_DIR/$Name.key" "$@"
}

# catalog_body CERTNAME FACTS_JSON: the form body the stock agent POSTs,
# facts URL-encoded twice.
catalog_body() {
  python3 - "$1" "$2" <<'PY'
import json, sys, urllib.parse
name, values = sys.argv[1], json.loads(sys.argv[2])
facts = json.dumps({"name": name, "values": values,
                    "timestamp": "2026-11-27T00:00:00.000000000+00:00",
                    "expiration": "2026-11-27T00:30:00.000000000+00:00"})
once = urllib.parse.quote(facts, safe="")
print(urllib.parse.urlencode([("facts_format", "application/json"),
                              ("facts", once), ("environment", "production"),
                              ("configured_environment", "production"),
                              ("check_environment", "true"),
                              ("transaction_uuid", "4e6f3a6c-0000-4000-8000-000000000001"),
                              ("job_uuid", ""), ("static_catalog", "true"),
                              ("checksum_type", "sha256.sha384.sha512.sha224.md5")]), end="")
PY
}
