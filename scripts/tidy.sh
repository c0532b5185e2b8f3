#!/usr/bin/env bash
# Runs clang-tidy (config: .clang-tidy) over the C++ sources of lib/ and
# tools/ that appear in the build's compile_commands.json.
#
#   scripts/tidy.sh [FILES...]        # default: every lib/ and tools/ source
#
# Env: BUILD_DIR (default build; must be configured: the generated ANTLR
#      headers must exist, so build it first), JOBS, CLANG_TIDY,
#      TIDY_STRICT=1 to exit non-zero on any warning (CI gate).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
tidy=${CLANG_TIDY:-$(command -v clang-tidy || command -v clang-tidy-14)}
db=$build/compile_commands.json
[ -f "$db" ] || { echo "tidy.sh: no $db (run scripts/build.sh first)" >&2; exit 2; }

if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files -co --exclude-standard -- 'lib/*.cpp' 'tools/*.cpp' |
                       while read -r f; do
                         [ -f "$f" ] && grep -qF "\"$PWD/$f\"" "$db" && echo "$f"
                       done)
fi
[ ${#files[@]} -gt 0 ] || { echo "tidy.sh: no files to check"; exit 0; }

# clang (and so clang-tidy) rejects Debian's ANTLR 4.9 umbrella header:
# misc/InterpreterDataReader.h default-constructs a Vocabulary whose default
# constructor is deleted (gcc accepts it). Use a copy without that include.
shim=$(cd "$build" && pwd)/antlr4-shim
mkdir -p "$shim"
if [ -f /usr/include/antlr4-runtime/antlr4-runtime.h ]; then
  mkdir -p "$shim"
  sed '/misc\/InterpreterDataReader.h/d' /usr/include/antlr4-runtime/antlr4-runtime.h \
    > "$shim/antlr4-runtime.h"
fi

# The tools precompile CLI11 with gcc (-include .../cmake_pch.hxx, next to
# a gcc .gch that clang refuses): check them against a compilation database
# whose -include names a copy of the header without the .gch beside it.
tidydb=$(cd "$build" && pwd)/tidy-db
mkdir -p "$tidydb"
printf '#include <CLI/CLI.hpp>\n' > "$shim/cmake_pch.hxx"
sed -E "s#-include [^ \"]*/cmake_pch\.hxx#-include $shim/cmake_pch.hxx#g" "$db" \
  > "$tidydb/compile_commands.json"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
printf '%s\n' "${files[@]}" |
  xargs -P "$jobs" -n 4 "$tidy" -p "$tidydb" --quiet "--extra-arg-before=-isystem$shim" 2>/dev/null > "$log"
rc=$?
cat "$log"
warnings=$(grep -cE ': (warning|error): ' "$log")
echo "tidy.sh: ${#files[@]} files, $warnings diagnostics"
if [ "${TIDY_STRICT:-0}" != 0 ] && { [ "$warnings" -gt 0 ] || [ $rc -ne 0 ]; }; then
  exit 1
fi
exit 0
