# shellcheck shell=bash
# Sourced by scripts/testhost.sh: the small .deb packages of the test hosts'
# local APT repository (/opt/cppet-repo in the guest, a flat repository:
# `deb [trusted=yes] file:/opt/cppet-repo ./`). Every package is Architecture
# all and made of shell scripts, built with the host's dpkg-deb.
#
#   cppet-hello 1.0, 2.0  /usr/bin/cppet-hello prints "cppet-hello VERSION"
#                         (install, upgrade, pinning a version, removal)
#   cppet-extra 1.0       /usr/share/cppet-extra/README and the conffile
#                         /etc/cppet-extra.conf (remove keeps it, purge not)
#   cppet-daemon 1.0      a long-running service: /usr/sbin/cppet-daemon (a
#                         shell loop) and the SysV init script
#                         /etc/init.d/cppet-daemon (start, stop, restart,
#                         force-reload, status with LSB codes: 0 running,
#                         1 dead with a pidfile, 3 stopped). The postinst
#                         enables it (`update-rc.d cppet-daemon defaults`,
#                         so /etc/rc2.d/S01cppet-daemon) but never starts it;
#                         remove stops it; purge removes the rc links.
#                         The daemon logs "started PID" / "stopped PID" lines
#                         to /var/log/cppet-daemon.log (restarts are visible).
#
# And real Debian 12 packages (repo_debian_packages: nginx, and ntp, in
# bookworm a transitional package for ntpsec) with every dependency that the
# base rootfs lacks (libssl3, python3 for ntpsec, iproute2, ...), downloaded
# once per base by the machine's apt-get into $CACHE/debs/KEY (about 12 MB).
# `apt-get install nginx ntp` then works offline in a host; installing starts
# the service (invoke-rc.d, as on a real Debian host).
#
# Changing anything here changes the recipe key of the cached rootfs:
# `scripts/testhost.sh create` rebuilds the rootfs (not the debootstrap base).

repo_debian_packages=(nginx ntp)

# repo_debian_fetch STATUS OUT WORK: downloads into OUT the .debs of
# repo_debian_packages and of their dependencies (not recommends) that the
# dpkg status file STATUS (the base's) lacks, with the machine's apt-get and
# APT sources but lists and caches of its own in WORK (the machine's apt
# state is neither used nor changed).
repo_debian_fetch() {
  local status=$1 out=$2 work=$3
  mkdir -p "$out/partial" "$work/lists/partial" "$work/cache"
  local apt=(apt-get -q -y -o Dir::State::status="$status"
    -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache"
    -o Dir::Cache::archives="$out" -o Debug::NoLocking=1
    -o APT::Sandbox::User=root -o APT::Install-Recommends=false
    -o Acquire::Languages=none)
  "${apt[@]}" update
  "${apt[@]}" --download-only install "${repo_debian_packages[@]}"
  rmdir "$out/partial"
  ls "$out"/*.deb >/dev/null
}

# repo_build DIR [DEBS]: writes the .deb files, Packages and Packages.gz into
# DIR; DEBS: a directory of more .deb files to include (the Debian ones).
repo_build() {
  local out=$1 src
  if [ -n "${2:-}" ]; then
    cp --reflink=auto "$2"/*.deb "$out/"
  fi
  src=$(mktemp -d)
  # Reproducible archives: fixed timestamps, root-owned files.
  export SOURCE_DATE_EPOCH=1700000000
  repo_hello "$src/hello1" 1.0
  repo_hello "$src/hello2" 2.0
  repo_extra "$src/extra"
  repo_daemon "$src/daemon"
  local d
  for d in hello1 hello2 extra daemon; do
    dpkg-deb --root-owner-group -Zgzip --build "$src/$d" "$out" >/dev/null
  done
  rm -rf "$src"
  # -m: keep every version (cppet-hello 1.0 and 2.0), not only the newest.
  (cd "$out" && dpkg-scanpackages -m . /dev/null 2>/dev/null >Packages && gzip -9nk Packages)
}

# repo_control DIR NAME VERSION SUMMARY [EXTRA-FIELDS]: DIR/DEBIAN/control.
repo_control() {
  mkdir -p "$1/DEBIAN"
  cat >"$1/DEBIAN/control" <<EOF
Package: $2
Version: $3
Architecture: all
Maintainer: cppet tests <tests@cppet.test>
Section: misc
Priority: optional
${5:+$5
}Description: $4
 A package of cppet's test hosts (scripts/testhost/repo.sh).
EOF
}

repo_hello() {
  local d=$1 v=$2
  repo_control "$d" cppet-hello "$v" "prints its version"
  mkdir -p "$d/usr/bin"
  printf '#!/bin/sh\necho "cppet-hello %s"\n' "$v" >"$d/usr/bin/cppet-hello"
  chmod 755 "$d/usr/bin/cppet-hello"
}

repo_extra() {
  local d=$1
  repo_control "$d" cppet-extra 1.0 "a package with a conffile"
  mkdir -p "$d/usr/share/cppet-extra" "$d/etc"
  echo "cppet-extra: a test package with a conffile, /etc/cppet-extra.conf." \
    >"$d/usr/share/cppet-extra/README"
  printf '# cppet-extra configuration (a conffile: kept by remove, deleted by purge)\nsetting = default\n' \
    >"$d/etc/cppet-extra.conf"
  echo /etc/cppet-extra.conf >"$d/DEBIAN/conffiles"
}

repo_daemon() {
  local d=$1
  repo_control "$d" cppet-daemon 1.0 "a long-running SysV service" \
    "Depends: init-system-helpers"
  mkdir -p "$d/usr/sbin" "$d/etc/init.d"
  cat >"$d/usr/sbin/cppet-daemon" <<'EOF'
#!/bin/sh
# cppet-daemon: a do-nothing long-running service for cppet's tests.
log=/var/log/cppet-daemon.log
echo "started $$" >>"$log"
trap 'kill "$sleeper" 2>/dev/null; echo "stopped $$" >>"$log"; exit 0' TERM INT
while :; do
  sleep 1 &
  sleeper=$!
  wait "$sleeper"
done
EOF
  cat >"$d/etc/init.d/cppet-daemon" <<'EOF'
#!/bin/sh
### BEGIN INIT INFO
# Provides:          cppet-daemon
# Required-Start:    $local_fs
# Required-Stop:     $local_fs
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: cppet test daemon
# Description:       A long-running shell loop for cppet's service tests.
### END INIT INFO
NAME=cppet-daemon
DAEMON=/usr/sbin/cppet-daemon
PIDFILE=/run/cppet-daemon.pid

# LSB status codes: 0 running, 1 dead but the pidfile exists, 3 not running.
do_status() {
  start-stop-daemon --status --pidfile "$PIDFILE"
  rc=$?
  case $rc in
    0) echo "$NAME is running" ;;
    1) echo "$NAME is not running but $PIDFILE exists" ;;
    3) echo "$NAME is not running" ;;
    *) echo "$NAME: status unknown"; rc=4 ;;
  esac
  return $rc
}
do_start() {
  start-stop-daemon --start --quiet --oknodo --background --make-pidfile \
    --pidfile "$PIDFILE" --startas "$DAEMON"
}
do_stop() {
  # 0 stopped, 1 was not running (fine), 2 still running after the retries.
  start-stop-daemon --stop --quiet --oknodo --pidfile "$PIDFILE" \
    --retry TERM/5/KILL/5 --remove-pidfile
}

case "$1" in
  start) echo "Starting $NAME"; do_start ;;
  stop) echo "Stopping $NAME"; do_stop ;;
  restart|force-reload) echo "Restarting $NAME"; do_stop && do_start ;;
  status) do_status ;;
  *) echo "Usage: /etc/init.d/$NAME {start|stop|restart|force-reload|status}" >&2; exit 2 ;;
esac
EOF
  chmod 755 "$d/usr/sbin/cppet-daemon" "$d/etc/init.d/cppet-daemon"
  echo /etc/init.d/cppet-daemon >"$d/DEBIAN/conffiles"
  cat >"$d/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e
# Enabled at boot like any Debian service, but never started here: the tests
# start it through the agent.
if [ "$1" = configure ]; then
  update-rc.d cppet-daemon defaults >/dev/null
fi
EOF
  cat >"$d/DEBIAN/prerm" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = remove ] || [ "$1" = upgrade ]; then
  /etc/init.d/cppet-daemon stop >/dev/null || true
fi
EOF
  cat >"$d/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = purge ]; then
  update-rc.d cppet-daemon remove >/dev/null
  rm -f /var/log/cppet-daemon.log
fi
EOF
  chmod 755 "$d/DEBIAN/postinst" "$d/DEBIAN/prerm" "$d/DEBIAN/postrm"
}
