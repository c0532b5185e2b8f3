#!/usr/bin/env bash
# Throwaway Debian 12 test hosts for the agent's provider tests.
#
# `cppet-agent apply` changes the real system (packages, services, users,
# crontabs, files), so its tests run inside throwaway hosts: a cached
# debootstrap rootfs, entered with unshare (mount, pid, uts, ipc and net
# namespaces; the net namespace has only loopback) and chroot, under an
# overlayfs so each host starts from the pristine cached rootfs. Everything
# needs root.
#
#   scripts/testhost.sh create
#       Idempotent; a no-op (about 0.03 s) when the cache is current. Builds
#       $CACHE/base: `debootstrap --variant=minbase bookworm` from the
#       machine's Debian mirror plus the packages the providers need (cron,
#       passwd, login, procps, init-system-helpers, apt, apt-utils; about
#       30 s); then $CACHE/rootfs:
#       a copy of base with the local APT repository /opt/cppet-repo
#       (scripts/testhost/repo.sh: cppet-hello 1.0 and 2.0, cppet-extra,
#       cppet-daemon, and Debian's nginx and ntp (ntpsec) with their
#       dependencies, downloaded once into $CACHE/debs by the machine's
#       apt-get), /etc/apt/sources.list.d/cppet.list pointing at it, the
#       Debian sources removed (tests never touch the network) and `apt-get
#       update` done, debconf's frontend Noninteractive, and a sysvinit host
#       in runlevel 2 as invoke-rc.d sees it (/sbin/runlevel prints "N 2",
#       /sbin/init is a stub: nothing boots, nothing starts by itself;
#       /etc/init.d/ntp is the SysV side of ntpsec.service's
#       Alias=ntp.service, see build_rootfs).
#       Each tree is built in a temporary directory and renamed into place
#       when complete (a half-built tree is never used); a recipe key (a
#       hash of the shell functions that build it, recorded in the guest's
#       /etc/cppet-testhost) makes create rebuild what changed: editing
#       repo.sh rebuilds only the rootfs (a second or two), not the base.
#
#   scripts/testhost.sh run [--state DIR] [--hostname NAME]
#           [--bind HOSTPATH:GUESTPATH[:ro]]... [--bundle DIR] -- CMD [ARGS...]
#       Runs CMD as root in a throwaway host and exits with CMD's status;
#       stdin, stdout and stderr pass through. The root is an overlayfs:
#       lower the cached rootfs, upper and work in DIR (kept, so several
#       invocations with the same --state see the same host; serialized by a
#       lock) or in a temporary directory removed afterwards. Mounted in the
#       guest: /proc (of the new pid namespace), /sys (read-only), a minimal
#       /dev (null zero full random urandom tty, devpts, shm), tmpfs /run and
#       /tmp (so pidfiles and /tmp do not persist across invocations, as
#       across a reboot). The hostname (default testhost.cppet.test) is set
#       the Debian way: the kernel hostname is its first label, /etc/hostname
#       the same, /etc/hosts maps 127.0.1.1 to "FQDN SHORT" (so `hostname -f`
#       and the fqdn fact give NAME). CMD runs chrooted with a clean
#       environment: PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:
#       /sbin:/bin:/opt/cppet/bin, HOME=/root, LANG=C, plus ASAN_OPTIONS,
#       UBSAN_OPTIONS and LSAN_OPTIONS when set. When CMD ends, the pid
#       namespace ends (every process left, e.g. a started daemon, is killed)
#       and the mount namespace with it (no mount is left on the machine).
#       --bundle DIR (default $CPPET_BUNDLE) is bind-mounted read-only at
#       /opt/cppet. No host process has CAP_SYS_TIME or CAP_SYS_MODULE (the
#       clock and the kernel are the machine's).
#
#   Long-running hosts on a private network (an agent and its master):
#
#   scripts/testhost.sh net-up --net NETDIR --subnet A.B.C.0/LEN
#       Creates the network NETDIR (a directory, made if missing; e.g. a
#       lit %t path): a net namespace cppet-nHASH (HASH of NETDIR's path)
#       holding the bridge br0, and nothing else (no route to the machine's
#       network). What an earlier run with the same NETDIR left (a test
#       killed halfway) is removed first, as is every host or network whose
#       state directory has been removed or made anew since it started.
#   scripts/testhost.sh start --state DIR [--net NETDIR --ip A.B.C.D]
#           [--hostname FQDN] [--bind H:G[:ro]]... [--bundle DIR]
#       Starts a host that lives until `stop` (or net-down): the guest of
#       `run` (same overlay on DIR, mounts, hostname, bundle, binds), whose
#       pid 1 is a small init that only reaps orphans, so that daemons
#       started by `exec` (apt-get's postinst, `service nginx start`,
#       `cppet-master ... &`) keep running across exec calls. Its own net
#       namespace cppet-hHASH has lo and, with --net, eth0 with IP/LEN,
#       the end of a veth pair on the network's bridge. /etc/hosts of every
#       running host of the network is rewritten at each start: localhost,
#       then "IP FQDN SHORT" for every host started on the network (so
#       node1.test.com resolves node3.test.com; `hostname -f` gives FQDN).
#       The host's output goes to DIR/host.log. About a second.
#   scripts/testhost.sh exec --state DIR [--] CMD [ARGS...]
#       Runs CMD in the running host (nsenter into its namespaces and root)
#       with run's clean environment; stdin, stdout, stderr and the exit
#       status pass through. A daemon that CMD leaves behind stays up; it
#       must not keep stdout/stderr open (redirect them, and stdin from
#       /dev/null) or whoever reads them (lit) waits for it.
#   scripts/testhost.sh stop --state DIR
#       Kills the host (all its processes), removes its net namespace and
#       veth; its state in DIR stays (start again: a reboot). Idempotent.
#   scripts/testhost.sh net-down --net NETDIR | --all
#       Stops every host of the network and removes it; nothing is left
#       (namespaces, veths, bridge, mounts, processes). Idempotent. --all:
#       every host and network of every run, and every cppet-* namespace.
#   scripts/testhost.sh net-run --net NETDIR --subnet CIDR -- CMD [ARGS...]
#       net-up, then CMD (on the machine, TESTHOST_NET=NETDIR in its
#       environment), then net-down whatever way CMD ends; CMD's status.
#   scripts/testhost.sh list
#       The started hosts: STATE HOSTNAME IP PID ("dead": stop cleans up).
#   While a host started in DIR runs, `run --state DIR` refuses it. The
#   registry of started hosts and networks is /run/cppet-testhost. In lit,
#   %hostctl is this script, with CPPET_BUNDLE the build's bundle; each
#   network is its own namespace, so tests may use the same subnet at once
#   (test/Hosts/network.test shows the pattern).
#
#   scripts/testhost.sh bundle BIN_DIR
#       Makes (once per content) a bundle of the cppet binaries found in
#       BIN_DIR (cppet-agent, cppetc, cppet-master: those that exist) and
#       prints its directory, $CACHE/bundles/<hash>: libexec/<tool> the
#       binaries, lib/ every shared library ldd lists except glibc's (so an
#       ASan build brings libasan/libubsan), bin/<tool> a sh wrapper setting
#       LD_LIBRARY_PATH=/opt/cppet/lib. The hash covers the binaries' size,
#       mtime and inode and the ldd output, so an unchanged build reuses its
#       bundle; bundles unused for two hours are pruned (see prune_bundles).
#
#   scripts/testhost.sh check     exit 0 when `run` can work: root, unshare
#                                 works, the cache is current (reason on stderr)
#   scripts/testhost.sh destroy   removes the cache (bundles included)
#
# Env: CPPET_TESTHOST_CACHE (default /var/cache/cppet/testhost),
#      CPPET_TESTHOST_MIRROR (default: the first Debian mirror of the
#      machine's apt sources, else http://deb.debian.org/debian),
#      CPPET_BUNDLE (default of run and start --bundle).
# Needs (scripts/install-deps.sh): debootstrap, dpkg-dev (dpkg-scanpackages),
# util-linux (unshare, nsenter, setpriv, flock), iproute2 (ip), coreutils
# (chroot), apt (apt-get, for the Debian packages of the local repository).
set -euo pipefail

self=$(readlink -f "${BASH_SOURCE[0]}")
here=$(dirname "$self")
# shellcheck source=scripts/testhost/repo.sh disable=SC1091
. "$here/testhost/repo.sh"

cache=${CPPET_TESTHOST_CACHE:-/var/cache/cppet/testhost}
# The registry of started hosts and networks (tmpfs: gone at reboot, as they).
runtime=/run/cppet-testhost
suite=bookworm
# Installed into the debootstrap minbase (passwd, login, apt and
# init-system-helpers are already in minbase; listed to keep them).
guest_packages=(cron passwd login procps init-system-helpers apt apt-utils)
guest_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/cppet/bin
bundle_tools=(cppet-agent cppetc cppet-master)
# Capabilities no host process has: the clock is the machine's (a time
# daemon such as ntpd would otherwise discipline the machine's kernel clock),
# and so are the kernel's modules.
host_caps_drop=-sys_time,-sys_module

die() { echo "testhost: $*" >&2; exit 1; }
note() { echo "testhost: $*" >&2; }

need_root() { [ "$(id -u)" -eq 0 ] || die "must run as root"; }

# need_tools CMD...: every command exists, else a clear error naming the package.
need_tools() {
  local t missing=()
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  die "missing tools: ${missing[*]} (install with scripts/install-deps.sh;" \
    "packages debootstrap dpkg-dev util-linux iproute2)"
}

sha() { sha256sum | cut -c1-16; }

# The recipe keys: hashes of the code that builds each tree.
base_key() {
  { echo "$suite ${guest_packages[*]}"; declare -f build_base chroot_do inner_chroot; } | sha
}
# The Debian packages of the local repository (downloaded per base).
debs_key() {
  { base_key; echo "${repo_debian_packages[*]}"; declare -f repo_debian_fetch; } | sha
}
rootfs_key() {
  { base_key; debs_key; declare -f build_rootfs repo_build repo_control repo_hello repo_extra repo_daemon; } | sha
}

# stamp_of TREE: the recipe key recorded in TREE (empty when none).
stamp_of() {
  sed -n 's/^key=//p' "$1/etc/cppet-testhost" 2>/dev/null || true
}

mirror() {
  if [ -n "${CPPET_TESTHOST_MIRROR:-}" ]; then
    echo "$CPPET_TESTHOST_MIRROR"
    return
  fi
  local m
  m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
        grep -vE '^[[:space:]]*#' | grep -oE 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' |
        head -n 1 | tr -d '[:space:]' || true)
  echo "${m:-http://deb.debian.org/debian}"
}

# rmtree DIR: removes DIR without ever crossing into a mount point.
rmtree() {
  [ -e "$1" ] || return 0
  rm -rf --one-file-system "$1"
}

# chroot_do [--net] DIR CMD...: runs CMD chrooted in DIR with /proc, /dev,
# /run and /tmp, in private mount and pid namespaces (all mounts and
# processes vanish with it). --net: no network (a new, empty net namespace).
chroot_do() {
  local ns=(--mount --pid --fork --propagation private)
  if [ "$1" = --net ]; then
    ns+=(--net)
    shift
  fi
  unshare "${ns[@]}" -- "$self" __chroot "$@"
}

# In the namespaces of chroot_do.
inner_chroot() {
  local root=$1
  shift
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs -o mode=755 tmpfs "$root/run"
  mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
  exec chroot "$root" /usr/bin/env -i PATH="$guest_path" HOME=/root LANG=C \
    DEBIAN_FRONTEND=noninteractive "$@"
}

# logged CMD...: runs CMD with its output in $log; on failure shows the end
# of the log and stops.
logged() {
  "$@" >>"$log" 2>&1 </dev/null || {
    tail -n 25 "$log" >&2
    cp "$log" "$cache/create-failed.log"
    die "failed: $* (whole log: $cache/create-failed.log)"
  }
}

# build_dir DIR: DIR must be a tree being built under $cache/tmp; every
# write of create goes below such a DIR (never to the machine's own files).
build_dir() {
  case "$1" in
    "$cache"/tmp/build.*/?*) ;;
    *) die "internal: refusing to write outside a build directory: '$1'" ;;
  esac
}

# put TREE PATH [MODE]: writes stdin to TREE/PATH; a symlink there is
# replaced first, so that nothing is written through it.
put() {
  rm -f "$1$2"
  cat >"$1$2"
  [ -z "${3:-}" ] || chmod "$3" "$1$2"
}

# build_base DIR: the debootstrap minbase + guest_packages, in DIR.
build_base() {
  local dir=$1 m
  build_dir "$dir"
  m=$(mirror)
  note "debootstrap --variant=minbase $suite from $m (a minute or two)"
  # In its own mount namespace so that a failing debootstrap leaves no
  # mount behind in DIR.
  logged unshare --mount --propagation private -- \
    debootstrap --variant=minbase "$suite" "$dir" "$m"
  # No service starts while packages are installed.
  printf '#!/bin/sh\nexit 101\n' | put "$dir" /usr/sbin/policy-rc.d 755
  note "installing ${guest_packages[*]}"
  logged chroot_do "$dir" apt-get update -q
  logged chroot_do "$dir" apt-get install -y -q --no-install-recommends "${guest_packages[@]}"
  logged chroot_do "$dir" apt-get clean
  rm -f "$dir/usr/sbin/policy-rc.d"
  echo "key=$(base_key)" | put "$dir" /etc/cppet-testhost
}

# build_rootfs DIR DEBS: DIR (a copy of base) gets the local repository
# (with the Debian packages in DEBS), the offline apt configuration and the
# sysvinit emulation.
build_rootfs() {
  local dir=$1 debs=$2
  build_dir "$dir"
  mkdir -p "$dir/opt/cppet-repo"
  repo_build "$dir/opt/cppet-repo" "$debs"
  # Only the local repository: the tests never touch the network.
  rm -f "$dir/etc/apt/sources.list" "$dir"/etc/apt/sources.list.d/*
  echo 'deb [trusted=yes] file:/opt/cppet-repo ./' | put "$dir" /etc/apt/sources.list.d/cppet.list
  put "$dir" /etc/apt/apt.conf.d/99cppet-testhost <<'EOF'
// cppet test host: offline, small and quiet.
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
EOF
  printf '# cppet test host: no network\nnameserver 127.0.0.1\n' | put "$dir" /etc/resolv.conf 644
  echo testhost | put "$dir" /etc/hostname
  # A sysvinit host in runlevel 2 as invoke-rc.d sees it (it wants
  # /sbin/runlevel and /sbin/init): `invoke-rc.d --query NAME start` answers
  # from the rc2.d links as on a real sysvinit machine. There is no init:
  # the command given to `run` is the only thing that runs.
  printf '#!/bin/sh\n# cppet test host: always runlevel 2.\necho "N 2"\n' |
    put "$dir" /usr/sbin/runlevel 755
  printf '#!/bin/sh\necho "cppet test host: there is no init here" >&2\nexit 1\n' |
    put "$dir" /usr/sbin/init 755
  # bookworm's ntp is a transitional package for ntpsec, whose systemd unit
  # has Alias=ntp.service: on a Debian 12 host `service ntp` is ntpsec's
  # ntpd. This is its SysV counterpart (inert until ntpsec is installed).
  # It runs ntpd as root: hosts lack CAP_SYS_TIME (the clock is the
  # machine's), so ntpd -u, which /etc/init.d/ntpsec always passes, cannot
  # keep that capability and exits; as root, ntpd runs and only logs that
  # it may not adjust the clock. Same daemon and pidfile as ntpsec's script.
  put "$dir" /etc/init.d/ntp 755 <<'EOF'
#!/bin/sh
### BEGIN INIT INFO
# Provides:          ntp
# Required-Start:    $network $remote_fs $syslog
# Required-Stop:     $network $remote_fs $syslog
# Default-Start:     2 3 4 5
# Default-Stop:
# Short-Description: Start NTP daemon (ntpsec's ntpd)
### END INIT INFO
# cppet test host: `service ntp` as ntpsec.service's Alias=ntp.service makes
# it on Debian 12, for SysV init; ntpd runs as root, without -u (the host
# has no CAP_SYS_TIME, which ntpd -u insists on keeping).
PATH=/sbin:/bin:/usr/sbin:/usr/bin
DAEMON=/usr/sbin/ntpd
PIDFILE=/run/ntpd.pid
if [ ! -x $DAEMON ]; then
  case $1 in
    stop) exit 0 ;;
    status) echo "NTP server is not installed (ntpsec)"; exit 4 ;;
    *) echo "ntp: $DAEMON is not installed (package ntpsec)" >&2; exit 5 ;;
  esac
fi
. /lib/lsb/init-functions
NTPD_OPTS="-g -N"
[ -r /etc/default/ntpsec ] && . /etc/default/ntpsec
NTPD_OPTS="-c /etc/ntpsec/ntp.conf $NTPD_OPTS"
case $1 in
  start)
    log_daemon_msg "Starting NTP server" "ntpd"
    start-stop-daemon --start --quiet --oknodo --pidfile $PIDFILE --startas $DAEMON -- -p $PIDFILE $NTPD_OPTS
    log_end_msg $?
    ;;
  stop)
    log_daemon_msg "Stopping NTP server" "ntpd"
    start-stop-daemon --stop --quiet --oknodo --pidfile $PIDFILE --retry=TERM/30/KILL/5 --exec $DAEMON
    log_end_msg $?
    rm -f $PIDFILE
    ;;
  restart|force-reload) $0 stop && $0 start ;;
  try-restart) if $0 status >/dev/null; then $0 restart; else exit 0; fi ;;
  status) status_of_proc -p $PIDFILE $DAEMON "NTP server" ;;
  *) echo "Usage: $0 {start|stop|restart|try-restart|force-reload|status}" >&2; exit 2 ;;
esac
EOF
  # Throwaway hosts: dpkg need not fsync every file it unpacks.
  echo force-unsafe-io | put "$dir" /etc/dpkg/dpkg.cfg.d/cppet-testhost 644
  # Package installs never ask (and say nothing on stderr about asking).
  logged chroot_do --net "$dir" sh -c \
    'echo "debconf debconf/frontend select Noninteractive" | debconf-set-selections'
  logged chroot_do --net "$dir" apt-get update -q
  # ntpsec's own init script passes ntpd -u, which exits a moment later in a
  # host without CAP_SYS_TIME (see /etc/init.d/ntp above). Diverted, so the
  # package installs it under another name and its postinst (which starts
  # it only when /etc/init.d/ntpsec is executable) starts nothing: otherwise
  # that dying ntpd raced `service ntp status` and a restart at random.
  logged chroot_do "$dir" dpkg-divert --local --rename \
    --divert /etc/init.d/ntpsec.cppet-testhost --add /etc/init.d/ntpsec
  mkdir -p "$dir/opt/cppet"
  echo "key=$(rootfs_key)" | put "$dir" /etc/cppet-testhost
}

# swap NEW FINAL: renames the complete tree NEW to FINAL (replacing an old
# one), while no `run` uses the cache.
swap() {
  local new=$1 final=$2 old
  exec 8>"$cache/.use.lock"
  if ! flock -x -w 2 8; then
    note "waiting for the test hosts using the cache to end (started hosts: $(
      cat "$runtime"/host-* 2>/dev/null | sed -n 's/^state=//p' | tr '\n' ' ')); net-down --all stops them"
    flock -x -w 600 8 || die "the cache is still in use after 10 minutes"
  fi
  if [ -e "$final" ]; then
    old=$(mktemp -d "$cache/tmp/old.XXXXXX")
    mv "$final" "$old/"
    mv "$new" "$final"
    rmtree "$old"
  else
    mv "$new" "$final"
  fi
  exec 8>&-
}

cmd_create() {
  need_root
  need_tools debootstrap dpkg-deb dpkg-scanpackages unshare flock chroot ip gzip sha256sum
  local bkey rkey t0=$SECONDS log
  bkey=$(base_key)
  rkey=$(rootfs_key)
  if [ "$(stamp_of "$cache/rootfs")" = "$rkey" ]; then
    echo "testhost: cache is current ($cache/rootfs, key $rkey)"
    return 0
  fi
  mkdir -p "$cache/tmp"
  exec 9>"$cache/.build.lock"
  flock -x 9
  # Another create may have finished meanwhile.
  if [ "$(stamp_of "$cache/rootfs")" = "$rkey" ]; then
    echo "testhost: cache is current ($cache/rootfs, key $rkey)"
    return 0
  fi
  # We hold the build lock: whatever a killed create left is garbage. So are
  # temporary run states older than a day.
  find "$cache/tmp" -mindepth 1 -maxdepth 1 -name 'build.*' -exec rm -rf --one-file-system {} +
  find "$cache/tmp" -mindepth 1 -maxdepth 1 -name 'run.*' -mtime +0 -exec rm -rf --one-file-system {} +
  local work
  work=$(mktemp -d "$cache/tmp/build.XXXXXX")
  log=$work/create.log
  # shellcheck disable=SC2064
  trap "rm -rf --one-file-system '$work'" EXIT
  if [ "$(stamp_of "$cache/base")" != "$bkey" ]; then
    build_base "$work/base"
    swap "$work/base" "$cache/base"
    note "base ready ($((SECONDS - t0)) s)"
  fi
  local dkey debs
  dkey=$(debs_key)
  debs=$cache/debs/$dkey
  if [ ! -d "$debs" ]; then
    note "downloading ${repo_debian_packages[*]} and their dependencies"
    build_dir "$work/debs"
    logged repo_debian_fetch "$cache/base/var/lib/dpkg/status" "$work/debs" "$work/apt"
    mkdir -p "$cache/debs"
    mv -T "$work/debs" "$debs"
    # Downloads for other bases are garbage.
    find "$cache/debs" -mindepth 1 -maxdepth 1 ! -name "$dkey" -exec rm -rf --one-file-system {} +
  fi
  note "building the rootfs and the local repository"
  cp -a --reflink=auto "$cache/base" "$work/rootfs"
  build_rootfs "$work/rootfs" "$debs"
  swap "$work/rootfs" "$cache/rootfs"
  echo "testhost: created $cache/rootfs (key $rkey) in $((SECONDS - t0)) s"
}

cmd_destroy() {
  need_root
  [ -e "$cache" ] || { echo "testhost: no cache at $cache"; return 0; }
  exec 9>"$cache/.build.lock"
  flock -x 9
  exec 8>"$cache/.use.lock"
  flock -x 8
  rmtree "$cache"
  echo "testhost: removed $cache"
}

cmd_check() {
  [ "$(id -u)" -eq 0 ] || { note "not root"; return 1; }
  local t
  for t in unshare nsenter setpriv ip flock chroot; do
    command -v "$t" >/dev/null || { note "missing $t"; return 1; }
  done
  [ -d "$cache/rootfs" ] || { note "no cache: run scripts/testhost.sh create"; return 1; }
  [ "$(stamp_of "$cache/rootfs")" = "$(rootfs_key)" ] ||
    { note "the cache is out of date: run scripts/testhost.sh create"; return 1; }
  unshare --mount --pid --fork --uts --ipc --net -- true 2>/dev/null ||
    { note "unshare --mount --pid --uts --ipc --net does not work here"; return 1; }
}

cmd_bundle() {
  [ $# -eq 1 ] || die "usage: testhost.sh bundle BIN_DIR"
  need_root
  local bindir t found=() key
  bindir=$(readlink -f "$1")
  for t in "${bundle_tools[@]}"; do
    [ -x "$bindir/$t" ] && found+=("$t")
  done
  [ ${#found[@]} -gt 0 ] || die "no cppet binary (${bundle_tools[*]}) in $bindir"
  key=$({
    declare -f cmd_bundle
    for t in "${found[@]}"; do
      echo "$t $(stat -c '%s %Y %i' "$bindir/$t")"
      ldd "$bindir/$t" 2>&1 | sed "s/ (0x[0-9a-f]*)//"
    done
  } | sha)
  local out=$cache/bundles/$key
  if [ -d "$out" ]; then
    touch "$out"
    echo "$out"
    return 0
  fi
  mkdir -p "$cache/bundles"
  local tmp lib
  tmp=$(mktemp -d "$cache/bundles/.tmp.XXXXXX")
  mkdir -p "$tmp/bin" "$tmp/libexec" "$tmp/lib"
  for t in "${found[@]}"; do
    cp --reflink=auto "$bindir/$t" "$tmp/libexec/$t"
    cat >"$tmp/bin/$t" <<EOF
#!/bin/sh
# cppet test host wrapper: the bundled $t with its libraries.
LD_LIBRARY_PATH=/opt/cppet/lib\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH} exec /opt/cppet/libexec/$t "\$@"
EOF
    chmod 755 "$tmp/bin/$t"
    if ldd "$bindir/$t" | grep -q 'not found'; then
      rm -rf "$tmp"
      die "$bindir/$t: a shared library is not found (ldd)"
    fi
    # Every library ldd resolves except glibc's own (the guest has the same
    # glibc, and a second copy of it would not work).
    while read -r lib; do
      case "$(basename "$lib")" in
        libc.so.*|libm.so.*|libmvec.so.*|libpthread.so.*|libdl.so.*|librt.so.*|libresolv.so.*|\
        libutil.so.*|libanl.so.*|libnsl.so.*|libBrokenLocale.so.*|libthread_db.so.*|ld-linux*) ;;
        *) cp -L "$lib" "$tmp/lib/" ;;
      esac
    done < <(ldd "$bindir/$t" | sed -n 's/.*=> \(\/[^ ]*\) (0x.*/\1/p')
  done
  chmod 755 "$tmp"
  if ! mv -T "$tmp" "$out" 2>/dev/null; then
    rm -rf "$tmp" # made concurrently by another lit run
  fi
  prune_bundles "$out"
  echo "$out"
}

# Every build makes a new bundle (300-600 MB), so they are pruned when
# unused (run and start touch theirs) for two hours, and beyond the newest
# eight when unused for ten minutes. A lit run uses its bundle once every
# few seconds.
prune_bundles() {
  local keep=$1 n=0 b
  find "$cache/bundles" -mindepth 1 -maxdepth 1 -mmin +120 ! -path "$keep" -exec rm -rf {} +
  while read -r b; do
    n=$((n + 1))
    [ "$n" -le 8 ] || [ "$b" = "$keep" ] ||
      find "$b" -maxdepth 0 -mmin +10 -exec rm -rf {} +
  done < <(find "$cache/bundles" -mindepth 1 -maxdepth 1 -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2-)
}

cmd_run() {
  need_root
  local state="" hostname=testhost.cppet.test bundle=${CPPET_BUNDLE:-} binds=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --state) state=${2:?--state needs a directory}; shift 2 ;;
      --state=*) state=${1#*=}; shift ;;
      --hostname) hostname=${2:?--hostname needs a name}; shift 2 ;;
      --hostname=*) hostname=${1#*=}; shift ;;
      --bind) binds+=("${2:?--bind needs HOSTPATH:GUESTPATH}"); shift 2 ;;
      --bind=*) binds+=("${1#*=}"); shift ;;
      --bundle) bundle=${2:?--bundle needs a directory}; shift 2 ;;
      --bundle=*) bundle=${1#*=}; shift ;;
      --) shift; break ;;
      *) die "run: unknown option '$1' (usage: run [--state DIR] [--hostname NAME] [--bind H:G[:ro]]... [--bundle DIR] -- CMD...)" ;;
    esac
  done
  [ $# -gt 0 ] || die "run: no command (usage: run [options] -- CMD [ARGS...])"
  case "$hostname" in
    *[!A-Za-z0-9.-]*|.*|*.|'') die "run: invalid hostname '$hostname'" ;;
  esac
  local b
  for b in "${binds[@]}"; do
    case "$b" in
      /*:/*) [ -e "${b%%:*}" ] || die "run: --bind $b: ${b%%:*} does not exist" ;;
      *) die "run: --bind $b: expected /HOSTPATH:/GUESTPATH[:ro]" ;;
    esac
  done
  if [ -n "$bundle" ]; then
    [ -d "$bundle/bin" ] || die "run: $bundle is not a bundle (see testhost.sh bundle)"
    bundle=$(readlink -f "$bundle")
    touch "$bundle" 2>/dev/null || true # its mtime is its last use (see prune_bundles)
  fi
  local rootfs=$cache/rootfs key
  [ -d "$rootfs" ] || die "no test host cache at $rootfs: run scripts/testhost.sh create"
  # The cache is not replaced while a host runs (create waits).
  exec 8>"$cache/.use.lock"
  flock -s 8
  key=$(stamp_of "$rootfs")
  [ -n "$key" ] || die "no test host cache at $rootfs: run scripts/testhost.sh create"
  local temp=""
  if [ -z "$state" ]; then
    mkdir -p "$cache/tmp"
    temp=$(mktemp -d "$cache/tmp/run.XXXXXX")
    # shellcheck disable=SC2064
    trap "rm -rf --one-file-system '$temp'" EXIT
    state=$temp
  fi
  mkdir -p "$state/upper" "$state/work" "$state/root"
  state=$(readlink -f "$state")
  if [ -f "$state/host" ] && alive "$(kv "$state/host" pid)" "$(kv "$state/host" start)"; then
    die "run: a host started with \`start\` runs in $state: use exec, or stop it"
  fi
  exec 7>"$state/lock"
  flock -x 7
  if [ -f "$state/rootfs-key" ]; then
    [ "$(cat "$state/rootfs-key")" = "$key" ] ||
      die "run: state $state was made on another version of the cached rootfs; remove it"
  else
    echo "$key" >"$state/rootfs-key"
  fi
  local rc=0
  unshare --mount --pid --fork --uts --ipc --net --propagation private -- \
    setpriv --bounding-set "$host_caps_drop" -- \
    "$self" __enter "$rootfs" "$state" "$hostname" "$bundle" ${#binds[@]} "${binds[@]}" -- "$@" || rc=$?
  return $rc
}

# mountpoint_in ROOT PATH: prints ROOT/PATH after making sure it is a
# directory below ROOT reached without a symlink: mount(8) follows symlinks
# in the machine's view, so a guest symlink (made by a test, persisted in a
# state) must never lead a mount outside the guest. Creates it if missing.
mountpoint_in() {
  local t=$1$2
  [ "$(readlink -m -- "$t")" = "$t" ] ||
    die "run: $2 in the guest is or goes through a symlink; not mounting on it"
  mkdir -p -- "$t"
  echo "$t"
}

# In the new namespaces (pid 1): builds the guest and runs the command.
inner_enter() {
  local rootfs=$1 state=$2 hostname=$3 bundle=$4 nbinds=$5
  shift 5
  local binds=("${@:1:$nbinds}")
  shift "$nbinds"
  [ "$1" = -- ] && shift
  local m=$state/root t
  exec 7>&- 8>&-
  ip link set lo up
  mount -t overlay overlay -o "lowerdir=$rootfs,upperdir=$state/upper,workdir=$state/work" "$m"
  t=$(mountpoint_in "$m" /proc)
  mount -t proc -o nosuid,nodev,noexec proc "$t"
  t=$(mountpoint_in "$m" /sys)
  mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$t"
  # A minimal /dev on a fresh tmpfs.
  t=$(mountpoint_in "$m" /dev)
  mount -t tmpfs -o mode=755,nosuid,size=64k tmpfs "$t"
  local d
  for d in null zero full random urandom tty; do
    touch "$t/$d"
    mount --bind "/dev/$d" "$t/$d"
  done
  mkdir "$t/pts" "$t/shm"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=620,nosuid,noexec devpts "$t/pts"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$t/shm"
  ln -s pts/ptmx "$t/ptmx"
  ln -s /proc/self/fd "$t/fd"
  ln -s /proc/self/fd/0 "$t/stdin"
  ln -s /proc/self/fd/1 "$t/stdout"
  ln -s /proc/self/fd/2 "$t/stderr"
  t=$(mountpoint_in "$m" /run)
  mount -t tmpfs -o mode=755,nosuid,nodev tmpfs "$t"
  mkdir -m 1777 "$t/lock"
  t=$(mountpoint_in "$m" /tmp)
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$t"
  if [ -n "$bundle" ]; then
    t=$(mountpoint_in "$m" /opt/cppet)
    mount --bind "$bundle" "$t"
    mount -o remount,bind,ro "$t"
  fi
  local b host guest opt
  for b in "${binds[@]}"; do
    host=${b%%:*}
    guest=${b#*:}
    opt=""
    case "$guest" in *:ro) guest=${guest%:ro}; opt=ro ;; *:rw) guest=${guest%:rw} ;; esac
    # Resolved in the guest (e.g. /var/run is /run), then checked.
    guest=$(chroot "$m" /usr/bin/readlink -m -- "$guest")
    if [ -d "$host" ]; then
      t=$(mountpoint_in "$m" "$guest")
    else
      t=$(mountpoint_in "$m" "$(dirname -- "$guest")")/$(basename -- "$guest")
      [ ! -L "$t" ] || die "run: $guest in the guest is a symlink; not mounting on it"
      [ -e "$t" ] || touch -- "$t"
    fi
    mount --rbind "$host" "$t"
    [ -z "$opt" ] || mount -o remount,bind,ro "$t"
  done
  # The Debian way: short kernel hostname, FQDN through /etc/hosts. Written
  # from inside the chroot, so that guest symlinks resolve in the guest.
  local short=${hostname%%.*} alias=""
  [ "$short" = "$hostname" ] || alias=" $short"
  hostname "$short"
  printf '%s\n' "$short" | chroot "$m" /bin/sh -c 'cat >/etc/hostname'
  printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s%s\n\n::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n' \
    "$hostname" "$alias" | chroot "$m" /bin/sh -c 'cat >/etc/hosts'
  if [ "$1" = __init ]; then
    # start: tell the machine-side pid of this pid 1 (/proc is still the
    # machine's here) and become the host's init.
    local stat
    read -r stat </proc/self/stat
    printf 'pid=%s\nstart=%s\n' "${stat%% *}" "$(proc_field22 "$stat")" >"$state/host.ready.new"
    mv "$state/host.ready.new" "$state/host.ready"
    exec chroot "$m" /usr/bin/env -i PATH="$guest_path" LANG=C /usr/bin/perl -e "$init_perl"
  fi
  local env
  guest_env
  # Not exec'd: this shell stays pid 1 and reaps orphans (a stopped daemon
  # must not linger as a zombie), and its exit ends the namespaces.
  local rc=0
  chroot "$m" /usr/bin/env -i "${env[@]}" "$@" || rc=$?
  exit $rc
}

# guest_env: sets the array env, the environment of a guest command.
guest_env() {
  env=(PATH="$guest_path" HOME=/root LANG=C)
  local v
  for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
    [ -z "${!v:-}" ] || env+=("$v=${!v}")
  done
}

# The pid 1 of a started host (in the guest's perl): reaps every orphan
# (daemons' zombies), forever; `stop` kills it, and the kernel kills the
# rest of the host with it.
# shellcheck disable=SC2016
init_perl='$0 = "cppet-testhost-init"; while (1) { sleep 1 if wait() < 0 }'

# proc_field22 STAT: the start time (field 22) of a /proc/PID/stat line
# (the command name, field 2, may hold spaces and parentheses).
proc_field22() {
  local rest=${1##*) }
  # shellcheck disable=SC2086 # numbers and a state letter, split on purpose
  set -- $rest
  echo "${20}"
}

# alive PID START: PID is a live process (not a zombie) started at START.
alive() {
  local stat rest
  [ -n "$1" ] && [ -n "$2" ] || return 1
  read -r stat 2>/dev/null </proc/"$1"/stat || return 1
  rest=${stat##*) }
  [ "${rest%% *}" != Z ] || return 1
  [ "$(proc_field22 "$stat")" = "$2" ]
}

# ---- Long-running hosts and their networks ----
#
# A started host is a pid namespace whose pid 1 (init_perl, chrooted in the
# guest) lives until `stop`; its machine-side pid and start time are in
# STATE/host and in the registry $runtime/host-HASH (HASH: of the state
# directory's path), which also names its net namespace cppet-hHASH and
# its network. A network NETDIR is the net namespace cppet-nHASH with the
# bridge br0; a host joins it by the veth pair vHASH (in the network's
# namespace, on br0) - eth0 (in the host's). The registry lets every
# net-up and start remove what a killed test left (a host or network whose
# state directory is gone or has been made anew), and net-down --all
# everything.

path_hash() { printf '%s' "$1" | sha | cut -c1-12; }

# kv FILE KEY: the value of KEY=... in FILE (empty when none).
kv() { [ -f "$1" ] || return 0; sed -n "s/^$2=//p" "$1" | head -n 1; }

# host_kill REGFILE: kills the host of a registry entry (when still the same
# process), waits until it is gone, deletes its net namespace and the entry.
host_kill() {
  local reg=$1 pid start ns _
  pid=$(kv "$reg" pid)
  start=$(kv "$reg" start)
  ns=$(kv "$reg" netns)
  if alive "$pid" "$start"; then
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 200); do
      alive "$pid" "$start" || break
      sleep 0.05
    done
    ! alive "$pid" "$start" || note "host pid $pid does not die"
  fi
  netns_del "$ns"
  rm -f "$reg"
}

# netns_del NAME: kills what is left in our net namespace NAME, deletes it.
netns_del() {
  local ns=$1 p
  case "$ns" in cppet-[hn]?*) ;; *) return 0 ;; esac
  [ -e "/run/netns/$ns" ] || return 0
  for p in $(ip netns pids "$ns" 2>/dev/null); do
    kill -KILL "$p" 2>/dev/null || true
  done
  ip netns del "$ns" 2>/dev/null || true
}

# host_stale REGFILE: the entry's host is dead, or its state directory no
# longer records it (removed or made anew by a later run of a test).
host_stale() {
  local reg=$1 state
  state=$(kv "$reg" state)
  alive "$(kv "$reg" pid)" "$(kv "$reg" start)" || return 0
  [ "$(kv "$state/host" pid)" = "$(kv "$reg" pid)" ] || return 0
  [ "$(kv "$state/host" start)" = "$(kv "$reg" start)" ] || return 0
  return 1
}

# net_teardown NETNS: stops every host of the network, deletes it.
net_teardown() {
  local hub=$1 reg dir
  for reg in "$runtime"/host-*; do
    [ -f "$reg" ] || continue
    [ "$(kv "$reg" net)" = "$hub" ] && host_kill "$reg"
  done
  netns_del "$hub"
  reg=$runtime/net-${hub#cppet-n}
  dir=$(kv "$reg" dir)
  if [ -n "$dir" ] && [ "$(kv "$dir/net" netns)" = "$hub" ]; then
    rm -f "$dir/net" "$dir/hosts"
  fi
  rm -f "$reg"
}

# gc: removes the hosts and networks that killed tests left behind.
gc() {
  mkdir -p "$runtime"
  local reg dir
  for reg in "$runtime"/host-*; do
    [ -f "$reg" ] || continue
    host_stale "$reg" && host_kill "$reg"
  done
  for reg in "$runtime"/net-*; do
    [ -f "$reg" ] || continue
    dir=$(kv "$reg" dir)
    [ "$(kv "$dir/net" netns)" = "$(kv "$reg" netns)" ] || net_teardown "$(kv "$reg" netns)"
  done
  return 0
}

# Machine-wide lock of the registry (net-up, net-down, start, stop, gc).
registry_lock() {
  mkdir -p "$runtime"
  exec 6>"$runtime/.lock"
  flock -x 6
}

# ip_in IP CIDR: IP is a host address of the IPv4 subnet CIDR.
ip_num() {
  local IFS=. a b c d
  read -r a b c d <<<"$1"
  echo $(((a << 24) | (b << 16) | (c << 8) | d))
}
valid_ip() {
  local d='(0|[1-9][0-9]{0,2})'
  [[ $1 =~ ^$d\.$d\.$d\.$d$ ]] || return 1
  local o
  for o in "${BASH_REMATCH[@]:1}"; do [ "$o" -le 255 ] || return 1; done
}
ip_in() {
  local net=${2%/*} len=${2#*/} mask ip
  mask=$(((0xffffffff << (32 - len)) & 0xffffffff))
  ip=$(ip_num "$1")
  [ $((ip & mask)) -eq $(($(ip_num "$net") & mask)) ] || return 1
  # Neither the network's nor its broadcast address.
  [ $((ip & ~mask & 0xffffffff)) -ne 0 ] && [ $((ip & ~mask & 0xffffffff)) -ne $((~mask & 0xffffffff)) ]
}

cmd_net_up() {
  need_root
  need_tools ip flock
  local net="" subnet=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --net) net=${2:?--net needs a directory}; shift 2 ;;
      --net=*) net=${1#*=}; shift ;;
      --subnet) subnet=${2:?--subnet needs A.B.C.D/LEN}; shift 2 ;;
      --subnet=*) subnet=${1#*=}; shift ;;
      *) die "net-up: unknown option '$1' (usage: net-up --net DIR --subnet A.B.C.0/LEN)" ;;
    esac
  done
  [ -n "$net" ] || die "net-up: --net DIR is required"
  case "$subnet" in
    */*) valid_ip "${subnet%/*}" && [[ ${subnet#*/} =~ ^[0-9]+$ ]] && [ "${subnet#*/}" -ge 8 ] &&
           [ "${subnet#*/}" -le 30 ] || die "net-up: invalid --subnet '$subnet' (A.B.C.D/LEN, LEN 8-30)" ;;
    *) die "net-up: --subnet A.B.C.D/LEN is required" ;;
  esac
  mkdir -p "$net"
  net=$(readlink -f "$net")
  local hub
  hub=cppet-n$(path_hash "$net")
  registry_lock
  gc
  # What an earlier run with the same directory left (a killed test).
  net_teardown "$hub"
  # shellcheck disable=SC2064
  trap "net_teardown '$hub'" EXIT
  ip netns add "$hub"
  ip -n "$hub" link set lo up
  ip -n "$hub" link add br0 type bridge
  ip -n "$hub" link set br0 up
  printf 'netns=%s\ndir=%s\n' "$hub" "$net" >"$runtime/net-${hub#cppet-n}"
  : >"$net/hosts"
  printf 'netns=%s\nsubnet=%s\n' "$hub" "$subnet" >"$net/net"
  trap - EXIT
}

cmd_net_down() {
  need_root
  local net="" all=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --net) net=${2:?--net needs a directory}; shift 2 ;;
      --net=*) net=${1#*=}; shift ;;
      --all) all=1; shift ;;
      *) die "net-down: unknown option '$1' (usage: net-down --net DIR | --all)" ;;
    esac
  done
  [ -n "$net$all" ] || die "net-down: --net DIR or --all is required"
  registry_lock
  if [ -n "$all" ]; then
    local reg ns
    for reg in "$runtime"/host-*; do
      [ -f "$reg" ] && host_kill "$reg"
    done
    for reg in "$runtime"/net-*; do
      [ -f "$reg" ] && net_teardown "$(kv "$reg" netns)"
    done
    # Even without a registry entry.
    for ns in $(ip netns list 2>/dev/null | cut -d' ' -f1); do
      netns_del "$ns"
    done
    return 0
  fi
  net_teardown "cppet-n$(path_hash "$(readlink -m "$net")")"
  gc
}

# net-run: net-up, CMD, and net-down however CMD ends.
cmd_net_run() {
  need_root
  local net="" up=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --net) net=${2:?--net needs a directory}; up+=("$1" "$2"); shift 2 ;;
      --net=*) net=${1#*=}; up+=("$1"); shift ;;
      --) shift; break ;;
      *) up+=("$1"); shift ;;
    esac
  done
  [ -n "$net" ] || die "net-run: --net DIR is required"
  [ $# -gt 0 ] || die "net-run: no command (usage: net-run --net DIR --subnet CIDR -- CMD [ARGS...])"
  # shellcheck disable=SC2064
  trap "'$self' net-down --net '$net'" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  "$self" net-up "${up[@]}"
  local rc=0
  TESTHOST_NET=$(readlink -f "$net") "$@" || rc=$?
  return $rc
}

# hosts_refresh NETDIR: writes /etc/hosts in every running host of the
# network: loopback, then each host of NETDIR/hosts ("IP FQDN SHORT").
hosts_refresh() {
  local net=$1 hub reg content
  hub=$(kv "$net/net" netns)
  content=$(
    printf '127.0.0.1\tlocalhost\n'
    while read -r a n s; do
      [ -n "$a" ] || continue
      if [ "$n" = "$s" ]; then printf '%s\t%s\n' "$a" "$n"; else printf '%s\t%s %s\n' "$a" "$n" "$s"; fi
    done <"$net/hosts"
    printf '\n::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n'
  )
  for reg in "$runtime"/host-*; do
    [ -f "$reg" ] && [ "$(kv "$reg" net)" = "$hub" ] || continue
    host_stale "$reg" && continue
    printf '%s\n' "$content" |
      nsenter --target "$(kv "$reg" pid)" --mount --root --wd -- /bin/sh -c 'cat >/etc/hosts'
  done
}

cmd_start() {
  need_root
  need_tools unshare nsenter setpriv ip flock chroot
  local state="" hostname=testhost.cppet.test bundle=${CPPET_BUNDLE:-} binds=() net="" addr=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --state) state=${2:?--state needs a directory}; shift 2 ;;
      --state=*) state=${1#*=}; shift ;;
      --hostname) hostname=${2:?--hostname needs a name}; shift 2 ;;
      --hostname=*) hostname=${1#*=}; shift ;;
      --bind) binds+=("${2:?--bind needs HOSTPATH:GUESTPATH}"); shift 2 ;;
      --bind=*) binds+=("${1#*=}"); shift ;;
      --bundle) bundle=${2:?--bundle needs a directory}; shift 2 ;;
      --bundle=*) bundle=${1#*=}; shift ;;
      --net) net=${2:?--net needs a directory}; shift 2 ;;
      --net=*) net=${1#*=}; shift ;;
      --ip) addr=${2:?--ip needs an address}; shift 2 ;;
      --ip=*) addr=${1#*=}; shift ;;
      *) die "start: unknown option '$1' (usage: start --state DIR [--net NETDIR --ip A.B.C.D] [--hostname NAME] [--bind H:G[:ro]]... [--bundle DIR])" ;;
    esac
  done
  [ -n "$state" ] || die "start: --state DIR is required"
  case "$hostname" in
    *[!A-Za-z0-9.-]*|.*|*.|'') die "start: invalid hostname '$hostname'" ;;
  esac
  if [ -n "$net" ] || [ -n "$addr" ]; then
    [ -n "$net" ] && [ -n "$addr" ] || die "start: --net and --ip go together"
    valid_ip "$addr" || die "start: invalid --ip '$addr'"
    [ -f "$net/net" ] || die "start: no network at $net (net-up --net $net first)"
    net=$(readlink -f "$net")
  fi
  local b
  for b in "${binds[@]}"; do
    case "$b" in
      /*:/*) [ -e "${b%%:*}" ] || die "start: --bind $b: ${b%%:*} does not exist" ;;
      *) die "start: --bind $b: expected /HOSTPATH:/GUESTPATH[:ro]" ;;
    esac
  done
  if [ -n "$bundle" ]; then
    [ -d "$bundle/bin" ] || die "start: $bundle is not a bundle (see testhost.sh bundle)"
    bundle=$(readlink -f "$bundle")
    touch "$bundle" 2>/dev/null || true # its mtime is its last use (see prune_bundles)
  fi
  local rootfs=$cache/rootfs key
  [ -d "$rootfs" ] || die "no test host cache at $rootfs: run scripts/testhost.sh create"
  exec 8>"$cache/.use.lock"
  flock -s 8
  key=$(stamp_of "$rootfs")
  [ -n "$key" ] || die "no test host cache at $rootfs: run scripts/testhost.sh create"
  mkdir -p "$state/upper" "$state/work" "$state/root"
  state=$(readlink -f "$state")
  local hash
  hash=$(path_hash "$state")
  local reg=$runtime/host-$hash hostns=cppet-h$hash veth=v$hash
  registry_lock
  gc
  if [ -f "$reg" ]; then
    die "start: a host is already running in $state (stop it first)"
  fi
  netns_del "$hostns"
  exec 7>"$state/lock"
  flock -x 7
  if [ -f "$state/rootfs-key" ]; then
    [ "$(cat "$state/rootfs-key")" = "$key" ] ||
      die "start: state $state was made on another version of the cached rootfs; remove it"
  else
    echo "$key" >"$state/rootfs-key"
  fi
  rm -f "$state/host" "$state/host.ready"
  local hub="" subnet=""
  if [ -n "$net" ]; then
    hub=$(kv "$net/net" netns)
    subnet=$(kv "$net/net" subnet)
    [ -e "/run/netns/$hub" ] || die "start: the network of $net is down (net-up again)"
  fi
  # Registered before anything exists: should this start be killed, the
  # next gc (or net-down) still finds the namespace and what runs in it.
  printf 'pid=\nstart=\nnetns=%s\nnet=%s\nip=%s\nhostname=%s\nstate=%s\n' \
    "$hostns" "$hub" "$addr" "$hostname" "$state" >"$reg"
  # shellcheck disable=SC2064
  trap "netns_del '$hostns'; rm -f '$reg'" EXIT
  ip netns add "$hostns"
  ip -n "$hostns" link set lo up
  if [ -n "$net" ]; then
    ip_in "$addr" "$subnet" || die "start: $addr is not a host address of $subnet"
    local a n s
    while read -r a n s; do
      [ "$a" != "$addr" ] || [ "$n" = "$hostname" ] ||
        die "start: $addr is $n's address in $net"
    done <"$net/hosts"
    ip -n "$hub" link add "$veth" type veth peer name eth0 netns "$hostns"
    ip -n "$hub" link set "$veth" master br0 up
    ip -n "$hostns" addr add "$addr/${subnet#*/}" dev eth0
    ip -n "$hostns" link set eth0 up
  fi
  # The host: its own session, no terminal, output to STATE/host.log. The
  # unshare process, its parent, holds the state lock (a `run` on the same
  # state waits) and the cache's use lock until the host ends.
  (
    exec 6>&-
    exec setsid nsenter --net="/run/netns/$hostns" -- \
      unshare --mount --pid --fork --uts --ipc --propagation private -- \
      setpriv --bounding-set "$host_caps_drop" -- \
      "$self" __enter "$rootfs" "$state" "$hostname" "$bundle" ${#binds[@]} "${binds[@]}" -- __init
  ) </dev/null >"$state/host.log" 2>&1 &
  local launcher=$! _
  for _ in $(seq 600); do
    [ -s "$state/host.ready" ] && break
    kill -0 "$launcher" 2>/dev/null || break
    sleep 0.05
  done
  if [ ! -s "$state/host.ready" ]; then
    kill -KILL "$launcher" 2>/dev/null || true
    cat "$state/host.log" >&2
    die "start: the host did not come up (log above, $state/host.log)"
  fi
  local pid start
  pid=$(kv "$state/host.ready" pid)
  start=$(kv "$state/host.ready" start)
  printf 'pid=%s\nstart=%s\nnetns=%s\nnet=%s\nip=%s\nhostname=%s\nstate=%s\n' \
    "$pid" "$start" "$hostns" "$hub" "$addr" "$hostname" "$state" >"$state/host"
  cp "$state/host" "$reg"
  trap - EXIT
  if [ -n "$net" ]; then
    (
      flock -x 5
      grep -v -E "^[^ ]+ $(printf '%s' "$hostname" | sed 's/[.]/[.]/g') " "$net/hosts" >"$net/hosts.new" || true
      local short=${hostname%%.*}
      echo "$addr $hostname $short" >>"$net/hosts.new"
      mv "$net/hosts.new" "$net/hosts"
    ) 5>"$net/lock"
    hosts_refresh "$net"
  fi
}

# list: the started hosts, one a line: STATE HOSTNAME IP PID (or "dead").
cmd_list() {
  local reg pid
  for reg in "$runtime"/host-*; do
    [ -f "$reg" ] || continue
    pid=$(kv "$reg" pid)
    alive "$pid" "$(kv "$reg" start)" || pid=dead
    echo "$(kv "$reg" state) $(kv "$reg" hostname) $(kv "$reg" ip) $pid"
  done
}

# host_of STATE: checks that STATE has a running host; sets pid.
host_of() {
  [ -f "$1/host" ] || die "no host running in $1 (start it first)"
  pid=$(kv "$1/host" pid)
  alive "$pid" "$(kv "$1/host" start)" || die "the host of $1 is not running any more"
}

cmd_exec() {
  need_root
  local state=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --state) state=${2:?--state needs a directory}; shift 2 ;;
      --state=*) state=${1#*=}; shift ;;
      --) shift; break ;;
      -*) die "exec: unknown option '$1' (usage: exec --state DIR [--] CMD [ARGS...])" ;;
      *) break ;;
    esac
  done
  [ -n "$state" ] || die "exec: --state DIR is required"
  [ $# -gt 0 ] || die "exec: no command (usage: exec --state DIR -- CMD [ARGS...])"
  local pid env
  host_of "$state"
  guest_env
  exec setpriv --bounding-set "$host_caps_drop" -- \
    nsenter --target "$pid" --mount --uts --ipc --net --pid --root --wd -- \
    /usr/bin/env -i "${env[@]}" "$@"
}

cmd_stop() {
  need_root
  local state=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --state) state=${2:?--state needs a directory}; shift 2 ;;
      --state=*) state=${1#*=}; shift ;;
      *) die "stop: unknown option '$1' (usage: stop --state DIR)" ;;
    esac
  done
  [ -n "$state" ] || die "stop: --state DIR is required"
  local reg
  reg=$runtime/host-$(path_hash "$(readlink -m "$state")")
  registry_lock
  [ -f "$reg" ] && host_kill "$reg"
  rm -f "$state/host" "$state/host.ready"
  gc
}

usage() {
  sed -n '2,/^set -euo/p' "$self" | sed -e '$d' -e 's/^# \{0,1\}//'
}

case "${1:-}" in
  create) shift; cmd_create "$@" ;;
  run) shift; cmd_run "$@" ;;
  bundle) shift; cmd_bundle "$@" ;;
  check) shift; cmd_check "$@" ;;
  destroy) shift; cmd_destroy "$@" ;;
  __chroot) shift; inner_chroot "$@" ;;
  __enter) shift; inner_enter "$@" ;;
  net-up) shift; cmd_net_up "$@" ;;
  net-down) shift; cmd_net_down "$@" ;;
  net-run) shift; cmd_net_run "$@" ;;
  list) shift; cmd_list "$@" ;;
  start) shift; cmd_start "$@" ;;
  exec) shift; cmd_exec "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
