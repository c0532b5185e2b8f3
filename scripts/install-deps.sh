#!/usr/bin/env bash
# Installs everything cppet's build and tests need on a fresh Debian 12
# (bookworm) machine. Idempotent: when every package is already installed it
# does nothing (set CPPET_APT_FORCE=1 to run apt-get anyway).
#
#   scripts/install-deps.sh                      # build + test dependencies
#   scripts/install-deps.sh --conformance-modules  # also the Forge modules of
#                                                # ../shared/conformance/modules
set -euo pipefail

packages=(
  # toolchain
  cmake ninja-build g++ pkg-config python3
  clang-14 libclang-rt-14-dev clang-format clang-tidy
  # LLVM ADT/Support; lit, FileCheck, not, count
  llvm-14-dev llvm-14-tools
  # parser generator (tool 4.7.2) and its C++ runtime (4.9)
  antlr4 libantlr4-runtime-dev
  # libraries
  nlohmann-json3-dev libyaml-cpp-dev libonig-dev libcli11-dev
  libcpp-httplib-dev libssl-dev libsqlite3-dev
  # unit tests
  libgtest-dev googletest
  # the reference for cppet-agent facts (test/Facts/compare-with-facter.test)
  facter
  # verifies the CA's certificates and CRLs in test/PKI
  openssl
  # the agent's side of the HTTPS tests in test/Net
  curl
  # the stock Puppet 7 agent that test/Net and test/Interop run against
  # cppet-master
  puppet-agent
  # throwaway test hosts (scripts/testhost.sh): debootstrap, dpkg-scanpackages,
  # ip
  debootstrap dpkg-dev iproute2
)

if [ "${1:-}" = "--conformance-modules" ]; then
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  list=${CPPET_CONFORMANCE:-$here/../shared/conformance}/modules.packages
  if [ -f "$list" ]; then
    # one package name per line (comments and blank lines allowed)
    while read -r p _; do
      case "$p" in ''|'#'*) ;; *) packages+=("$p");; esac
    done < "$list"
  else
    echo "install-deps: no $list; skipping the conformance modules" >&2
  fi
  # The resource types Puppet 7 moved out of core (cron, host, sshkey, ...),
  # which Debian's puppet ships as modules.
  packages+=(puppet-module-puppetlabs-augeas-core puppet-module-puppetlabs-cron-core
             puppet-module-puppetlabs-host-core puppet-module-puppetlabs-mount-core
             puppet-module-puppetlabs-selinux-core puppet-module-puppetlabs-sshkeys-core)
  # openstacklib: the Ruby functions every OpenStack module calls, which
  # cppet implements (conformance/cases/fn_openstacklib).
  packages+=(puppet-module-openstacklib)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ] && [ "${CPPET_APT_FORCE:-0}" = 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]:-${packages[*]}}"
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}" </dev/null
