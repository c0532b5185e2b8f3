#!/bin/sh
# Drives /etc/init.d/cppet-daemon through start, restart and stop inside one
# test host invocation (test/Hosts/init-script.test), printing what a service
# provider would look at: LSB status codes, the pidfile, the process, the
# rc2.d link and the daemon's log.
init=/etc/init.d/cppet-daemon
log=/var/log/cppet-daemon.log

status() { $init status; echo "status exit $?"; }
# wait_log WORD N: until the log has N lines starting with WORD (the daemon
# writes them itself, just after start and before exit).
# (Until the daemon has written its first line there is no log: count 0.)
wait_log() {
  i=0
  while :; do
    n=$(grep -c "^$1 " "$log" 2>/dev/null) || true
    [ "${n:-0}" -lt "$2" ] || return 0
    i=$((i + 1))
    [ $i -lt 100 ] || { echo "timeout waiting for $2 '$1' lines"; return 1; }
    sleep 0.05
  done
}
# Daemon processes, not counting the short-lived copies of the daemon's
# shell that fork to start its `sleep` (their parent is a daemon).
running() {
  ps -e -o pid=,ppid=,args= | awk '
    $3 == "/bin/sh" && $4 == "/usr/sbin/cppet-daemon" && NF == 4 {
      pid[$1] = 1; ppid[$1] = $2 }
    END { n = 0; for (p in pid) if (!(ppid[p] in pid)) n++; print n }'
}

echo "== enabled"
ls /etc/rc2.d | grep cppet-daemon
echo "== before start"
status
echo "== start"
$init start
wait_log started 1
status
pid=$(cat /run/cppet-daemon.pid)
echo "processes $(running)"
[ -d "/proc/$pid" ] && echo "pidfile names a live process"
echo "== restart"
$init restart
wait_log started 2
status
[ "$(cat /run/cppet-daemon.pid)" != "$pid" ] && echo "new pid"
echo "processes $(running)"
# wait_gone: until no daemon process is left (stop signals it; on a loaded
# machine it may take a moment to exit).
wait_gone() {
  i=0
  while [ "$(running)" -ne 0 ] && [ $i -lt 100 ]; do
    i=$((i + 1))
    sleep 0.05
  done
}
echo "== stop"
$init stop
status
wait_gone
echo "processes $(running)"
[ -e /run/cppet-daemon.pid ] || echo "no pidfile"
echo "== log"
sed 's/[0-9][0-9]*$/PID/' "$log"
echo "== disable"
update-rc.d cppet-daemon disable
ls /etc/rc2.d | grep cppet-daemon
