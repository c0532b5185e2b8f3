# lit configuration for cppet's tool-level tests.
import os
import lit.formats

config.name = "cppet"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".pp", ".test", ".epp"]
config.excludes = ["Inputs", "Unit", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.cppet_obj_root, "test")

path = os.path.pathsep.join([config.cppet_tools_dir, config.llvm_tools_dir,
                             config.environment.get("PATH", "")])
config.environment["PATH"] = path
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%examples", os.path.join(config.cppet_src_root, "examples")))

# The conformance corpus (../shared/conformance) brings normalize.py, the
# canonical form of a catalog; tests that need it say `REQUIRES: conformance`.
normalize = os.path.join(config.cppet_conformance_dir, "normalize.py")
if os.path.isfile(normalize):
    config.available_features.add("conformance")
    config.substitutions.append(("%normalize", "%s %s" % (config.python_executable, normalize)))
# The shared differential corpus (../shared/conformance): run.sh and
# normalize.py, also used on cppet's own differential cases in conformance/.
config.substitutions.append(("%conformance", getattr(config, "cppet_conformance_dir", "")))
config.substitutions.append(("%srcroot", config.cppet_src_root))
config.substitutions.append(("%cppetc_path", os.path.join(config.cppet_tools_dir, "cppetc")))
# Cases compiling real Forge modules need Debian's puppet-module-* packages
# (scripts/install-deps.sh --conformance-modules).
if os.path.exists("/usr/share/puppet/modules/stdlib"):
    config.available_features.add("forge-modules")

# The real facter (Ruby) is the oracle of test/Facts/compare-with-facter.test.
import shutil
if shutil.which("facter"):
    config.available_features.add("facter")

# ---- BEGIN testhost (scripts/testhost.sh) ----
# Throwaway Debian 12 hosts for tests that change the system (the agent's
# providers). `REQUIRES: testhost` tests run only as root with a current
# cache (`scripts/testhost.sh create`; scripts/test.sh does it) and working
# namespaces. `%testhost [--state DIR] [--hostname NAME] [--bind H:G[:ro]]
# -- CMD...` runs CMD in a host whose /opt/cppet/bin (on the guest PATH)
# holds this build's cppet-agent and cppetc: the bundle of
# config.cppet_tools_dir is (re)made here once per lit run, and is reused
# while the binaries are unchanged. Tests start with `RUN: rm -rf %t.host`
# and pass `--state %t.host` to share one host between their RUN lines.
def _cppet_testhost():
    import subprocess
    script = os.path.join(config.cppet_src_root, "scripts", "testhost.sh")
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    check = subprocess.run([script, "check"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, universal_newlines=True)
    if check.returncode != 0:
        lit_config.note("testhost tests are unsupported: " + check.stderr.strip())
        return None
    made = subprocess.run([script, "bundle", config.cppet_tools_dir],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if made.returncode != 0:
        lit_config.warning("testhost: no bundle of %s: %s"
                           % (config.cppet_tools_dir, made.stderr.strip()))
        return None
    return script, made.stdout.strip()

# `%hostctl net-up|start|exec|stop|net-down|net-run ...`: long-running hosts
# on a private network (test/Hosts/network.test); start's bundle is
# this build's (CPPET_BUNDLE).
_testhost = _cppet_testhost()
if _testhost:
    config.available_features.add("testhost")
    config.environment["CPPET_BUNDLE"] = _testhost[1]
    config.substitutions.append(("%testhost", "%s run --bundle %s" % _testhost))
    config.substitutions.append(("%hostctl", _testhost[0]))
# ---- END testhost ----
