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
