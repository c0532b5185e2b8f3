# scripts/bench/servers.sh -- sourced by scripts/bench-master.sh,
# scripts/bench-agent-run.sh and scripts/interop-puppetserver.sh (bash).
#
# Throwaway masters on 127.0.0.1, everything under a work directory; the
# machine's own puppet/cppet configuration (/etc/puppet*, /var/lib/puppet*,
# /etc/cppet) is never read for settings nor written.
#
#   ps_setup DIR PORT CODEDIR [AUTOSIGN]   a puppetserver instance in DIR:
#        conf.d/ (stock Debian conf.d with private dirs, ssl-host 127.0.0.1,
#        ssl-port PORT), etc/puppet.conf (certname $SERVER_CN, dns_alt_names
#        localhost,IP:127.0.0.1, ssldir/cadir/vardir/... under DIR, codedir
#        CODEDIR, autosign AUTOSIGN [true], reports = store), stock JAVA_ARGS
#        from /etc/default/puppetserver (-Xms1g -Xmx1g)
#   ps_start DIR                 java in the background -> $SERVER_PID, $SERVER_T0
#   cm_start DIR PORT CODEDIR [FLAGS...]
#                                cppet-master server --no-daemonize with
#                                --confdir/--ssldir/--vardir under DIR,
#                                --codedir CODEDIR, certname $SERVER_CN,
#                                --autosign true -> $SERVER_PID, $SERVER_T0
#   wait_up PORT [TIMEOUT]       until /status/v1/simple answers 200
#   stop_server                  SIGTERM, then SIGKILL after 60 s
#   tree_hwm_kb PID / tree_rss_kb PID   summed over the process tree
#   make_csrs DIR NAME...        DIR/NAME.key + DIR/NAME.csr (RSA 2048)
#
# Needs: $CPPET_MASTER (for cm_start), log().
SERVER_CN=${SERVER_CN:-puppet-bench.test.com}
PS_HOME=${PUPPETSERVER_HOME:-/usr/share/puppetserver}
PS_ETC=${PUPPETSERVER_ETC:-/etc/puppet/puppetserver}
PS_DEFAULTS=${PUPPETSERVER_DEFAULTS:-/etc/default/puppetserver}
JRUBY_LIB=${JRUBY_LIB:-/usr/share/jruby/lib}
SERVER_PID=""
SERVER_T0=""

now() { date +%s.%N; }

ps_java_args() {
  local JAVA_ARGS="-Xms1g -Xmx1g -Djruby.logger.class=com.puppetlabs.jruby_utils.jruby.Slf4jLogger"
  if [ -r "$PS_DEFAULTS" ]; then
    JAVA_ARGS=$(set -a; . "$PS_DEFAULTS" >/dev/null 2>&1; echo "$JAVA_ARGS")
  fi
  echo "$JAVA_ARGS"
}

ps_setup() {  # DIR PORT CODEDIR [AUTOSIGN]
  local SD=$1 port=$2 code=$3 autosign=${4:-true}
  [ "$port" != 8140 ] || { echo "refusing port 8140" >&2; return 2; }
  mkdir -p "$SD"/{conf.d,etc,ssl,var,run,log}
  cp "$PS_ETC"/conf.d/*.conf "$SD/conf.d/"
  cat >"$SD/conf.d/webserver.conf" <<EOF
webserver: {
    access-log-config: $SD/request-logging.xml
    client-auth: want
    ssl-host: 127.0.0.1
    ssl-port: $port
}
EOF
  cat >"$SD/conf.d/global.conf" <<EOF
global: {
    logging-config: $SD/logback.xml
}
EOF
  sed -e "s#server-conf-dir: .*#server-conf-dir: $SD/etc#" \
      -e "s#server-code-dir: .*#server-code-dir: $code#" \
      -e "s#server-var-dir: .*#server-var-dir: $SD/var#" \
      -e "s#server-run-dir: .*#server-run-dir: $SD/run#" \
      -e "s#server-log-dir: .*#server-log-dir: $SD/log#" \
      "$PS_ETC/conf.d/puppetserver.conf" >"$SD/conf.d/puppetserver.conf"
  sed -e "s#/var/log/puppetserver#$SD/log#g" "$PS_ETC/request-logging.xml" >"$SD/request-logging.xml"
  sed -e "s#/var/log/puppetserver#$SD/log#g" -e 's#scan="true"#scan="false"#' "$PS_ETC/logback.xml" >"$SD/logback.xml"
  # cadir must be explicit: Puppet 7's default cadir does not follow ssldir.
  cat >"$SD/etc/puppet.conf" <<EOF
[main]
certname = $SERVER_CN
dns_alt_names = localhost,IP:127.0.0.1
server = 127.0.0.1
serverport = $port
ssldir = $SD/ssl
cadir = $SD/ssl/ca
vardir = $SD/var
logdir = $SD/log
rundir = $SD/run
codedir = $code
[server]
autosign = $autosign
reports = store
EOF
  cat >"$SD/etc/hiera.yaml" <<'EOF'
---
version: 5
hierarchy: []
EOF
  echo "$port" >"$SD/port"
}

ps_start() {  # DIR
  local SD=$1 JAVA_ARGS
  JAVA_ARGS=$(ps_java_args)
  SERVER_T0=$(now)
  # shellcheck disable=SC2086
  (cd "$PS_HOME" && exec java $JAVA_ARGS -Dlogappender=STDOUT -Djruby.lib="$JRUBY_LIB" \
      -XX:+CrashOnOutOfMemoryError -XX:ErrorFile="$SD/log/puppetserver_err_pid%p.log" \
      -jar "$PS_HOME/puppetserver.jar" --config "$SD/conf.d" \
      --bootstrap-config "$PS_ETC/services.d" >>"$SD/log/server.out" 2>&1) &
  SERVER_PID=$!
  echo "$SERVER_PID" >"$SD/server.pid"
}

cm_start() {  # DIR PORT CODEDIR [FLAGS...]
  local SD=$1 port=$2 code=$3
  shift 3
  mkdir -p "$SD"/{etc,ssl,var}
  SERVER_T0=$(now)
  "$CPPET_MASTER" server --no-daemonize --confdir "$SD/etc" --ssldir "$SD/ssl" --vardir "$SD/var" \
    --codedir "$code" --certname "$SERVER_CN" --dns-alt-names "localhost,IP:127.0.0.1" \
    --bindaddress 127.0.0.1 --serverport "$port" --autosign true "$@" >>"$SD/server.log" 2>&1 &
  SERVER_PID=$!
  echo "$SERVER_PID" >"$SD/server.pid"
}

wait_up() {  # PORT [TIMEOUT]
  local port=$1 t=${2:-300} end
  end=$(( $(date +%s) + t ))
  while [ "$(date +%s)" -lt "$end" ]; do
    if [ "$(curl -sk --max-time 2 "https://127.0.0.1:$port/status/v1/simple" 2>/dev/null)" = running ]; then
      return 0
    fi
    [ -n "$SERVER_PID" ] && ! kill -0 "$SERVER_PID" 2>/dev/null && return 1
    sleep 0.2
  done
  return 1
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 120); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

tree_pids() {  # PID -> PID and its descendants
  local p=$1 c
  echo "$p"
  for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do tree_pids "$c"; done
}
tree_field_kb() {  # PID FIELD
  local s=0 p v
  for p in $(tree_pids "$1"); do
    v=$(awk -v f="$2:" '$1==f{print $2}' "/proc/$p/status" 2>/dev/null)
    s=$(( s + ${v:-0} ))
  done
  echo "$s"
}
tree_hwm_kb() { tree_field_kb "$1" VmHWM; }
tree_rss_kb() { tree_field_kb "$1" VmRSS; }

make_csrs() {  # DIR NAME...
  local d=$1 n
  shift
  mkdir -p "$d"
  for n in "$@"; do
    [ -f "$d/$n.csr" ] && continue
    openssl req -new -newkey rsa:2048 -nodes -keyout "$d/$n.key" -subj "/CN=$n" \
      -out "$d/$n.csr" 2>/dev/null || return 1
  done
}
