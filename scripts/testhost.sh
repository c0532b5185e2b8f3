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
#       cppet-daemon), /etc/apt/sources.list.d/cppet.list pointing at it, the
#       Debian sources removed (tests never touch the network) and `apt-get
#       update` done, debconf's frontend Noninteractive, and a sysvinit host
#       in runlevel 2 as invoke-rc.d sees it (/sbin/runlevel prints "N 2",
#       /sbin/init is a stub: nothing boots, nothing starts by itself).
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
#       /opt/cppet.
#
#   scripts/testhost.sh bundle BIN_DIR
#       Makes (once per content) a bundle of the cppet binaries found in
#       BIN_DIR (cppet-agent, cppetc, cppet-master: those that exist) and
#       prints its directory, $CACHE/bundles/<hash>: libexec/<tool> the
#       binaries, lib/ every shared library ldd lists except glibc's (so an
#       ASan build brings libasan/libubsan), bin/<tool> a sh wrapper setting
#       LD_LIBRARY_PATH=/opt/cppet/lib. The hash covers the binaries' size,
#       mtime and inode and the ldd output, so an unchanged build reuses its
#       bundle; bundles unused for two days are pruned.
#
#   scripts/testhost.sh check     exit 0 when `run` can work: root, unshare
#                                 works, the cache is current (reason on stderr)
#   scripts/testhost.sh destroy   removes the cache (bundles included)
#
# Env: CPPET_TESTHOST_CACHE (default /var/cache/cppet/testhost),
#      CPPET_TESTHOST_MIRROR (default: the first Debian mirror of the
#      machine's apt sources, else http://deb.debian.org/debian),
#      CPPET_BUNDLE (default of run --bundle).
# Needs (scripts/install-deps.sh): debootstrap, dpkg-dev (dpkg-scanpackages),
# util-linux (unshare, flock), iproute2 (ip), coreutils (chroot).
set -euo pipefail

self=$(readlink -f "${BASH_SOURCE[0]}")
here=$(dirname "$self")
# shellcheck source=scripts/testhost/repo.sh disable=SC1091
. "$here/testhost/repo.sh"

cache=${CPPET_TESTHOST_CACHE:-/var/cache/cppet/testhost}
suite=bookworm
# Installed into the debootstrap minbase (passwd, login, apt and
# init-system-helpers are already in minbase; listed to keep them).
guest_packages=(cron passwd login procps init-system-helpers apt apt-utils)
guest_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/cppet/bin
bundle_tools=(cppet-agent cppetc cppet-master)

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
rootfs_key() {
  { base_key; declare -f build_rootfs repo_build repo_control repo_hello repo_extra repo_daemon; } | sha
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

# build_rootfs DIR: DIR (a copy of base) gets the local repository, the
# offline apt configuration and the sysvinit emulation.
build_rootfs() {
  local dir=$1
  build_dir "$dir"
  mkdir -p "$dir/opt/cppet-repo"
  repo_build "$dir/opt/cppet-repo"
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
  # Package installs never ask (and say nothing on stderr about asking).
  logged chroot_do --net "$dir" sh -c \
    'echo "debconf debconf/frontend select Noninteractive" | debconf-set-selections'
  logged chroot_do --net "$dir" apt-get update -q
  mkdir -p "$dir/opt/cppet"
  echo "key=$(rootfs_key)" | put "$dir" /etc/cppet-testhost
}

# swap NEW FINAL: renames the complete tree NEW to FINAL (replacing an old
# one), while no `run` uses the cache.
swap() {
  local new=$1 final=$2 old
  exec 8>"$cache/.use.lock"
  flock -x 8
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
  note "building the rootfs and the local repository"
  cp -a --reflink=auto "$cache/base" "$work/rootfs"
  build_rootfs "$work/rootfs"
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
  for t in unshare ip flock chroot; do
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
  find "$cache/bundles" -mindepth 1 -maxdepth 1 -mtime +1 ! -path "$out" -exec rm -rf {} +
  echo "$out"
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
  local env=(PATH="$guest_path" HOME=/root LANG=C)
  local v
  for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
    [ -z "${!v:-}" ] || env+=("$v=${!v}")
  done
  # Not exec'd: this shell stays pid 1 and reaps orphans (a stopped daemon
  # must not linger as a zombie), and its exit ends the namespaces.
  local rc=0
  chroot "$m" /usr/bin/env -i "${env[@]}" "$@" || rc=$?
  exit $rc
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
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
