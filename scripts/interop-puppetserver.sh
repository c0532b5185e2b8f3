#!/usr/bin/env bash
# interop-puppetserver.sh -- cppet-agent against stock puppetserver (the
# reverse direction of cppet-master serving stock agents). Too heavy for CI
# (puppetserver needs ~1.5 GB and one to two minutes to start); run by hand.
#
# Usage: scripts/interop-puppetserver.sh [OUT.md]   (default: docs/interop.md;
#        the script regenerates its own marked section of it)
#
# A throwaway puppetserver (Debian's 7.9.5, stock JVM settings; its own
# confdir/ssldir/vardir/codedir/port under a temp dir; autosign = true) serves
# environment production with a small module `interop`: a file from
# `source => 'puppet:///modules/interop/hello.txt'`, a file from
# `template('interop/motd.erb')` (facts and a class parameter), a file from
# `epp()`, and a directory -- all under a scratch root in the temp dir.
# cppet-agent (--test, its own --confdir/--ssldir/--vardir) then:
#   1. bootstraps its certificate against puppetserver's CA (CA cert, CRL,
#      CSR, autosigned certificate),
#   2. fetches its catalog, the sourced file's metadata and content, applies
#      it under the scratch root (exit 2: changes), sends its report;
#   3. runs again: exit 0, zero changes.
# Checked: the exit codes, the managed files' contents against what Puppet
# would write, and the reports puppetserver stored in its reportdir
# (var/reports/CERTNAME/*.yaml: status changed, then unchanged). The access
# log lines of the agent's requests are kept in the output.
#
# Knobs: BENCH_PS_PORT [18145], BENCH_BUILD_DIR [<repo>/build-bench]
#   (BENCH_NO_BUILD=1 skips building), BENCH_KEEP=1 keeps the work dir.
set -u
set -o pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$REPO/docs/interop.md}
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
PORT=${BENCH_PS_PORT:-18145}
BUILD=${BENCH_BUILD_DIR:-$REPO/build-bench}
CPPET_AGENT=$BUILD/bin/cppet-agent
CN=interop01.test.com
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
# shellcheck source=bench/servers.sh
. "$REPO/scripts/bench/servers.sh"

[ -f "$PS_HOME/puppetserver.jar" ] || { echo "puppetserver is not installed" >&2; exit 2; }
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  log "building cppet-agent in $BUILD"
  cmake --build "$BUILD" -j2 --target cppet-agent >"${TMPDIR:-/tmp}/cppet-interop-build.log" 2>&1 \
    || log "build failed; using the existing binary"
fi
[ -x "$CPPET_AGENT" ] || { echo "no $CPPET_AGENT" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cppet-interop.XXXXXX")
cleanup() {
  stop_server
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "work dir kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ROOT=$WORK/root
CODE=$WORK/code
E=$CODE/environments/production
mkdir -p "$E/manifests" "$E/modules/interop"/{manifests,files,templates} "$CODE/modules"
cat >"$E/manifests/site.pp" <<EOF
node default {
  class { 'interop': root => '$ROOT', owner_note => 'set by site.pp' }
}
EOF
cat >"$E/modules/interop/manifests/init.pp" <<'EOF'
class interop (String $root, String $owner_note) {
  $items = ['alpha', 'beta', 'gamma']
  $host = $facts['clientcert']
  $kern = $facts['kernel']
  file { $root: ensure => directory, mode => '0755' }
  file { "${root}/conf.d": ensure => directory, mode => '0750' }
  file { "${root}/hello.txt":
    ensure => file,
    mode   => '0644',
    source => 'puppet:///modules/interop/hello.txt',
  }
  file { "${root}/motd":
    ensure  => file,
    mode    => '0644',
    content => template('interop/motd.erb'),
  }
  file { "${root}/conf.d/items.conf":
    ensure  => file,
    mode    => '0640',
    content => epp('interop/items.epp', { 'items' => $items }),
  }
}
EOF
printf 'hello from puppetserver\nsecond line\n' >"$E/modules/interop/files/hello.txt"
cat >"$E/modules/interop/templates/motd.erb" <<'EOF'
Welcome to <%= @host %> (<%= @kern %>)
note: <%= @owner_note %>
<% @items.each do |i| -%>
* <%= i %>
<% end -%>
EOF
cat >"$E/modules/interop/templates/items.epp" <<'EOF'
<%- | Array[String] $items | -%>
# managed
<% $items.each |$i| { -%>
<%= $i %>=on
<% } -%>
EOF

ps_setup "$WORK/ps" "$PORT" "$CODE" true
printf '[server]\nbasemodulepath = %s\n' "$CODE/modules" >>"$WORK/ps/etc/puppet.conf"
log "starting puppetserver on 127.0.0.1:$PORT (work dir $WORK)"
ps_start "$WORK/ps"
if ! wait_up "$PORT" 600; then
  log "puppetserver did not come up"; tail -30 "$WORK/ps/log/server.out" >&2; exit 1
fi
T_UP=$(python3 -c "import time; print(round(time.time() - $SERVER_T0, 1))")
log "puppetserver up after ${T_UP}s"

A=$WORK/agent
mkdir -p "$A"/{conf,var,ssl}
: >"$A/conf/cppet.conf"
ALOG=$WORK/ps/log/puppetserver-access.log
run_agent() {  # N
  local m0 rc=0
  m0=$(wc -l <"$ALOG" 2>/dev/null || echo 0)
  "$CPPET_AGENT" --test --confdir "$A/conf" --vardir "$A/var" --ssldir "$A/ssl" \
    --server 127.0.0.1 --serverport "$PORT" --certname "$CN" --color=false >"$WORK/run$1.log" 2>&1 || rc=$?
  sleep 1  # the access log is written asynchronously
  sed -n "$((m0 + 1)),\$p" "$ALOG" >"$WORK/run$1.access"
  # puppetserver's `store` names a report by the minute (YYYYMMDDHHMM.yaml):
  # a second report in the same minute replaces the first, so keep a copy.
  mkdir -p "$WORK/reports-after-run$1"
  cp "$WORK/ps/var/reports/$CN"/*.yaml "$WORK/reports-after-run$1/" 2>/dev/null || true
  echo "$rc"
}
log "run 1: cppet-agent --test (bootstrap + apply)"
RC1=$(run_agent 1)
log "  exit $RC1"; cat "$WORK/run1.log" >&2
log "run 2: cppet-agent --test (converged)"
RC2=$(run_agent 2)
log "  exit $RC2"; cat "$WORK/run2.log" >&2

# ---------------------------------------------------------------- checks
python3 - "$WORK" "$ROOT" "$CN" "$RC1" "$RC2" "$T_UP" "$(dpkg-query -W -f='${Version}' puppetserver)" \
  "$(git -C "$REPO" rev-parse --short HEAD)" "$(git -C "$REPO" status --porcelain | grep -vc '^??' || true)" \
  >"$WORK/section.md" <<'PY'
import glob, os, re, stat, sys, datetime
work, root, cn, rc1, rc2, t_up, psv, git, dirty = sys.argv[1:10]
rc1, rc2 = int(rc1), int(rc2)
checks = []
def check(name, ok, detail=""):
    checks.append((name, bool(ok), detail))
def read(p):
    try:
        return open(p).read()
    except OSError as e:
        return None
run1, run2 = read(os.path.join(work, "run1.log")) or "", read(os.path.join(work, "run2.log")) or ""
acc1 = read(os.path.join(work, "run1.access")) or ""
acc2 = read(os.path.join(work, "run2.access")) or ""
check("run 1 exit code 2 (changes applied, no failures)", rc1 == 2, "exit %d" % rc1)
check("run 1: certificate signed by puppetserver's CA (autosign)",
      os.path.exists(os.path.join(work, "agent/ssl/certs/%s.pem" % cn)) and "PUT /puppet-ca/v1/certificate_request/" + cn in acc1,
      "agent ssl/certs/%s.pem present" % cn)
check("run 1: catalog fetched (POST /puppet/v3/catalog)", re.search(r'"POST /puppet/v3/catalog/%s[^"]*" 200' % re.escape(cn), acc1), "")
check("run 1: puppet:/// source fetched (file_metadata + file_content)",
      re.search(r'"GET /puppet/v3/file_content/modules/interop/hello.txt[^"]*" 200', acc1) is not None, "")
exp_hello = "hello from puppetserver\nsecond line\n"
check("hello.txt = the module's file", read(os.path.join(root, "hello.txt")) == exp_hello, repr(read(os.path.join(root, "hello.txt")))[:80])
motd = read(os.path.join(root, "motd")) or ""
exp_motd_tail = "note: set by site.pp\n* alpha\n* beta\n* gamma\n"
check("motd = the ERB template's output", motd.startswith("Welcome to %s (Linux)\n" % cn) and motd.endswith(exp_motd_tail), repr(motd)[:120])
items = read(os.path.join(root, "conf.d/items.conf"))
check("conf.d/items.conf = the EPP template's output", items == "# managed\nalpha=on\nbeta=on\ngamma=on\n", repr(items)[:80])
def mode(p):
    try:
        return oct(stat.S_IMODE(os.stat(p).st_mode))
    except OSError:
        return None
check("modes 0755/0750/0644/0640", (mode(root), mode(os.path.join(root, "conf.d")), mode(os.path.join(root, "hello.txt")),
      mode(os.path.join(root, "conf.d/items.conf"))) == ("0o755", "0o750", "0o644", "0o640"), "")
def latest_status(d):
    reps = sorted(glob.glob(os.path.join(work, d, "*.yaml")))
    if not reps:
        return None, "no report stored"
    m = re.search(r"^status: (\S+)", read(reps[-1]) or "", re.M)
    return (m.group(1) if m else None), os.path.basename(reps[-1])
check("puppetserver accepted run 1's report (PUT /puppet/v3/report 200)",
      re.search(r'"PUT /puppet/v3/report/%s[^"]*" 200' % re.escape(cn), acc1) is not None, "")
st1, f1 = latest_status("reports-after-run1")
check("run 1's report stored in puppetserver's reportdir, status changed", st1 == "changed", "%s: status %s" % (f1, st1))
check("puppetserver accepted run 2's report (PUT /puppet/v3/report 200)",
      re.search(r'"PUT /puppet/v3/report/%s[^"]*" 200' % re.escape(cn), acc2) is not None, "")
st2, f2 = latest_status("reports-after-run2")
check("run 2's report stored, status unchanged", st2 == "unchanged", "%s: status %s" % (f2, st2))
check("run 2 exit code 0 (zero changes)", rc2 == 0, "exit %d" % rc2)
check("run 2: no change notices", not re.search(r"^Notice: /Stage\[", run2, re.M), "")
check("run 2: no certificate requests", "puppet-ca/v1/certificate_request" not in acc2, "")
ok = all(c[1] for c in checks)
L = []
P = L.append
P("## Result: cppet-agent against puppetserver %s" % psv)
P("")
P("Generated by `scripts/interop-puppetserver.sh` on %s (git %s%s); puppetserver up %s s after exec." % (
  datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"), git, " +%s locally modified files" % dirty if dirty != "0" else "", t_up))
P("")
P("**%s** (%d of %d checks passed)." % ("PASS" if ok else "FAIL", sum(c[1] for c in checks), len(checks)))
P("")
P("| check | result | detail |")
P("|---|---|---|")
for n, o, d in checks:
    P("| %s | %s | %s |" % (n, "ok" if o else "**FAILED**", d.replace("|", "\\|")))
def strip(acc):
    out = []
    for l in acc.splitlines():
        m = re.search(r'"([A-Z]+ \S+) HTTP/[0-9.]+" (\d+)', l)
        if m:
            out.append("%s %s" % (m.group(1), m.group(2)))
    return out
for i, (log, acc) in enumerate(((run1, acc1), (run2, acc2)), 1):
    P("")
    P("Run %d: cppet-agent output" % i)
    P("")
    P("```")
    L.extend(l for l in log.rstrip("\n").splitlines()[:40])
    P("```")
    P("")
    P("Run %d: puppetserver's access log (method, path, status)" % i)
    P("")
    P("```")
    L.extend(strip(acc))
    P("```")
print("\n".join(L))
sys.exit(0 if ok else 1)
PY
OK=$?
cat "$WORK/section.md"
python3 "$REPO/scripts/bench/splice.py" "$OUT" interop-puppetserver "$WORK/section.md"
log "wrote $OUT"
exit $OK
