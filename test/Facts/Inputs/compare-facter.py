#!/usr/bin/env python3
"""Compares `cppet-agent facts --json` with `facter --json` on this machine.

Stable core facts must have the same values; structured facts whose values
change between two calls (memory, mountpoints, load) must have the same keys.
A fact facter itself cannot resolve here (it logs an error and leaves it out,
e.g. `virtual` without access to /proc/1/environ) is skipped, not failed.
Prints one line per check and `OK` at the end; exits 1 on any mismatch.
"""
import json
import subprocess
import sys

SAME_VALUE = [
    "os.name", "os.family", "os.release", "os.distro", "os.architecture",
    "os.hardware", "os.selinux", "kernel", "kernelrelease", "kernelversion",
    "kernelmajversion", "networking.hostname",
    "networking.domain", "networking.fqdn", "networking.ip",
    "networking.ip6", "networking.mac", "networking.primary",
    "networking.netmask", "networking.network", "networking.mtu",
    "processors.count", "processors.physicalcount", "processors.models",
    "identity.user", "identity.uid", "identity.group", "identity.gid",
    "identity.privileged", "path", "virtual", "is_virtual", "timezone",
    "facterversion", "disks", "filesystems", "fips_enabled",
]
SAME_KEYS = ["memory", "memory.system", "mountpoints", "networking",
             "networking.interfaces", "processors", "load_averages",
             "system_uptime", "identity", "os"]
# Keys facter adds that cppet does not collect (documented in
# docs/ARCHITECTURE.md): ruby, augeas and hypervisors need Ruby or privileges.
IGNORED_KEYS = {"ruby", "augeas", "hypervisors"}


def facts(cmd):
    # facter exits 1 when it logged an error (e.g. /proc/1/environ unreadable)
    # but still prints the facts it resolved.
    out = subprocess.run(cmd, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, check=False)
    return json.loads(out.stdout)


def dig(d, dotted):
    for part in dotted.split("."):
        if not isinstance(d, dict) or part not in d:
            return None
        d = d[part]
    return d


def compare(out):
    # Core facts only: external facts (facts.d folders that packages fill,
    # e.g. openstacklib's /etc/facter/facts.d) are left out on both sides.
    cppet = facts([sys.argv[1], "facts", "--json", "--no-external-facts"])
    facter = facts(["facter", "--json", "--no-external-facts"])
    print = out.append
    failed = False
    for name in SAME_VALUE:
        want, got = dig(facter, name), dig(cppet, name)
        if want is None:
            print("skip %s (facter has no value)" % name)
            continue
        if want != got:
            failed = True
            print("DIFF %s: facter %r, cppet %r" % (name, want, got))
        else:
            print("same %s" % name)
    for name in SAME_KEYS:
        want, got = dig(facter, name), dig(cppet, name)
        if want is None:
            print("skip keys of %s" % name)
            continue
        want_keys = set(want) - IGNORED_KEYS
        got_keys = set(got or {})
        if want_keys - got_keys:
            failed = True
            print("KEYS %s: cppet lacks %s" % (name, sorted(want_keys - got_keys)))
        else:
            print("same keys %s" % name)
    missing = set(facter) - set(cppet) - IGNORED_KEYS
    if missing:
        failed = True
        print("MISSING top-level facts: %s" % sorted(missing))
    print("FAILED" if failed else "OK")
    return failed


def main():
    # Other tests running at the same time mount and unmount file systems
    # and create network namespaces: the machine may change between the two
    # calls. A mismatch is confirmed by two more attempts; the last one's
    # lines are printed.
    for _ in range(3):
        out = []
        failed = compare(out)
        if not failed:
            break
    sys.stdout.write("\n".join(out) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
