# The seed scenario end to end (test/E2E/seed.test), on the machine inside
# `testhost.sh net-run`: $1 is testhost.sh, $2 the test's directory, $3 the
# seed site (examples/seed). Every step prints a "== " marker, then what it
# checks; every command's exit status is printed ("exit N") rather than
# acted on, so the scenario always runs to its end and FileCheck says what
# went wrong. Every wait is bounded. The scenario itself exits 0.
# shellcheck disable=SC2016 # single-quoted scripts expand in the hosts
hc=$1
t=$2
seed=$3
net=$TESTHOST_NET

# x HOST CMD...: CMD in a started host.
x() {
  local s=$1
  shift
  "$hc" exec --state "$t/$s" -- "$@"
}

# agent HOST LOG [FLAGS...]: one `cppet-agent --test` against node3 in HOST,
# bounded, output in $t/LOG.log, "exit N" appended.
agent() {
  local s=$1 log=$2
  shift 2
  local rc=0
  x "$s" timeout 300 cppet-agent --test --server node3.test.com "$@" \
    >"$t/$log.log" 2>&1 </dev/null || rc=$?
  echo "exit $rc" >>"$t/$log.log"
}

# Which lines of a run's log to show: the resource changes (sorted: the
# order of independent resources is not fixed), errors, warnings and the
# exit status.
changes() { grep '^Notice: /Stage' "$t/$1.log" | LC_ALL=C sort; }
problems() { grep -E '^(Error|Warning):' "$t/$1.log"; }
status() { tail -n 1 "$t/$1.log"; }

# The master in node3, detached from the exec (output to a log file, stdin
# from /dev/null), its pid in /run/cppet-master.pid; then wait (at most 90 s:
# the CA and the server's 4096-bit keys are made at the first start) until
# it accepts connections.
start_master() {
  x n3 sh -c 'cppet-master server --no-daemonize --verbose \
      >>/var/log/cppet-master.log 2>&1 </dev/null &
    echo $! >/run/cppet-master.pid'
  x n3 bash -c 'for _ in $(seq 900); do
      (: >/dev/tcp/node3.test.com/8140) 2>/dev/null && { echo "master up"; exit 0; }
      kill -0 "$(cat /run/cppet-master.pid)" 2>/dev/null || { echo "master exited"; exit 1; }
      sleep 0.1
    done; echo "master not up after 90 s"; exit 1'
}

stop_master() {
  x n3 bash -c 'p=$(cat /run/cppet-master.pid); kill -TERM "$p"
    for _ in $(seq 150); do kill -0 "$p" 2>/dev/null || { echo "master stopped"; exit 0; }; sleep 0.1; done
    echo "master did not stop"; kill -KILL "$p"; exit 1'
}

# GET HOST PATH: an HTTP/1.0 request with bash's /dev/tcp (no curl in the
# hosts); the status line and the body.
get='exec 3<>"/dev/tcp/$1/80" && printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$2" "$1" >&3 &&
  tr -d "\r" <&3 | sed -n "1p;/^\$/,\$p" | sed "/^\$/d"'

SECONDS=0
echo "== network"
# The master node3, the agents node1 and node2, node4 (autosigned later) and
# rogue.example.org (outside test.com) on one network.
for h in n3:3:node3.test.com n1:1:node1.test.com n2:2:node2.test.com \
  n4:4:node4.test.com rogue:5:rogue.example.org; do
  IFS=: read -r s ip name <<<"$h"
  "$hc" start --state "$t/$s" --net "$net" --ip "10.77.94.$ip" --hostname "$name" ||
    echo "start $name failed"
done
x n1 getent hosts node3.test.com
x n2 getent hosts node3.test.com
x n3 getent hosts node1.test.com
x n3 getent hosts node2.test.com
x n1 hostname -f
x n2 hostname -f

echo "== master"
# The seed site, copied into node3 (writable: a later step changes it), and
# the master's settings in /etc/cppet/cppet.conf. No autosign.conf yet: every
# request waits for the operator.
tar -C "$seed" -cf - manifests modules | x n3 sh -c 'mkdir -p /srv/seed && tar -xf - -C /srv/seed'
x n3 sh -c 'mkdir -p /etc/cppet && cat >/etc/cppet/cppet.conf' <<'EOF'
[server]
manifest = /srv/seed/manifests/site.pp
modulepath = /srv/seed/modules
environment_timeout = 0
EOF
start_master
x n3 sh -c 'cat /etc/cppet/ssl/ca/ca_crt.pem' | openssl x509 -noout -subject
x n3 sh -c 'cat /etc/cppet/ssl/certs/node3.test.com.pem' | openssl x509 -noout -subject

echo "== requests"
# First runs with --waitforcert 0: the CSR is submitted, no certificate
# comes back, the agent exits 1.
agent n1 csr1 --waitforcert 0 &
agent n2 csr2 --waitforcert 0 &
wait
for n in 1 2; do
  grep -E "^(Info: Certificate Request fingerprint|Notice: Couldn't fetch|Error: Exiting)" "$t/csr$n.log"
  status csr$n
done
x n3 cppet-master cert list

echo "== signing"
x n3 cppet-master cert sign node1.test.com
x n3 cppet-master cert list
x n3 cppet-master cert sign --all
x n3 cppet-master cert list
echo "cert list exit $?"
x n3 cppet-master cert list --all | sed 's/ *(SHA256).*//'

echo "== converge"
T0=$SECONDS
agent n1 run1-node1 &
agent n2 run1-node2 &
wait
echo "first runs took $((SECONDS - T0)) s" >&2
for n in 1 2; do
  echo "-- node$n"
  grep -E '^Info: Downloaded certificate for|^Info: Caching catalog for' "$t/run1-node$n.log"
  problems run1-node$n
  changes run1-node$n
  status run1-node$n
done

echo "== installed"
x n1 dpkg -s nginx | grep '^Status:'
x n2 dpkg -s nginx | grep '^Status:'
x n1 dpkg -s ntp | grep '^Status:'
x n1 id deploy

echo "== node1 web"
x n1 ls /etc/nginx/sites-enabled
x n1 cat /etc/nginx/sites-enabled/web.conf
x n1 cat /var/www/site/about.html | cmp - "$seed/modules/nginx/files/about.html" &&
  echo "about.html is the module's file"
x n1 service nginx status
x n1 service ntp status
# Served, by name, to the other host.
x n2 bash -c "$get" get node1.test.com /about.html
x n2 bash -c "$get" get node1.test.com /

echo "== node2 proxy"
x n2 ls /etc/nginx/sites-enabled
x n2 cat /etc/nginx/sites-enabled/proxy.conf
x n2 service nginx status

echo "== reports"
# The master's store (default vardir, as the server's): one report of each.
x n3 cppet-master report list node1.test.com
x n3 cppet-master report list node2.test.com
x n3 cppet-master node list

echo "== second runs"
agent n1 run2-node1 &
agent n2 run2-node2 &
wait
for n in 1 2; do
  echo "-- node$n"
  problems run2-node$n
  changes run2-node$n
  status run2-node$n
  x n$n sed -n '/^changes:/,/^events:/p' /var/lib/cppet/state/last_run_summary.yaml
done
x n3 cppet-master node list

echo "== autosign"
# autosign.conf, read at the master's start: restart it.
x n3 sh -c 'echo "*.test.com" >/etc/cppet/autosign.conf'
stop_master
start_master
agent n4 node4 --waitforcert 0
grep -E '^Info: Certificate Request fingerprint|^Info: Downloaded certificate for|^Notice: Couldn.t fetch|^Error' "$t/node4.log"
status node4
# (No openssl in the hosts: verified on the machine, against node3's CA.)
x n3 cat /etc/cppet/ssl/ca/ca_crt.pem >"$t/ca.pem"
x n4 cat /etc/cppet/ssl/certs/node4.test.com.pem >"$t/node4.pem"
openssl verify -CAfile "$t/ca.pem" "$t/node4.pem" | sed 's/^.*: OK$/node4 certificate: OK/'
agent rogue rogue --waitforcert 0
grep -E '^Info: Certificate Request fingerprint|^Info: Downloaded certificate for|^Notice: Couldn.t fetch|^Error' "$t/rogue.log"
status rogue
x n3 cppet-master cert list
x n3 cppet-master cert list --all | sed 's/ *(SHA256).*//'

echo "== revoke"
x n3 cppet-master cert revoke node2.test.com
agent n2 revoked-node2
grep -E '^(Error|Warning):' "$t/revoked-node2.log"
status revoked-node2
agent n1 run3-node1
problems run3-node1
changes run3-node1
status run3-node1

echo "== changed site"
# site.pp itself gets a file for node1; the master, still the same process,
# compiles the change at the next run.
x n3 cat /run/cppet-master.pid >"$t/pid.before"
x n3 sh -c 'cat >>/srv/seed/manifests/site.pp' <<'EOF'

# Added while the master runs.
if $trusted['certname'] == 'node1.test.com' {
  file { '/var/www/site/changed.html':
    ensure  => file,
    mode    => '0644',
    content => "changed without restarting the master\n",
  }
}
EOF
agent n1 run4-node1
problems run4-node1
changes run4-node1
status run4-node1
x n1 cat /var/www/site/changed.html
x n2 bash -c "$get" get node1.test.com /changed.html
x n3 bash -c 'kill -0 "$(cat /run/cppet-master.pid)" && echo "master still running"'
x n3 cat /run/cppet-master.pid | cmp -s - "$t/pid.before" && echo "same master process"

echo "== master log"
x n3 cat /var/log/cppet-master.log >"$t/master.log"
grep -c '^Info: PUT /puppet/v3/report/node1.test.com 200' "$t/master.log"
grep -E '^(Error|Warning)' "$t/master.log" | sort -u

echo "== end"
echo "scenario took $SECONDS s" >&2
exit 0
