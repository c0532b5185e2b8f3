#!/usr/bin/env bash
# clang-format (config: .clang-format, LLVM style) over cppet's C++ sources:
# lib/ include/ tools/ unittests/ fuzz/ (generated code lives in the build
# directory and is never checked).
#
#   scripts/format.sh           # check only: lists unformatted files, exit 1 if any
#   scripts/format.sh --fix     # reformat in place
#   scripts/format.sh [--fix] FILES...
#
# Env: CLANG_FORMAT (default clang-format).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fmt=${CLANG_FORMAT:-$(command -v clang-format || command -v clang-format-14)}
fix=0
[ "${1:-}" = "--fix" ] && { fix=1; shift; }
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files -co --exclude-standard -- lib include tools unittests fuzz bench |
                       grep -E '\.(cpp|h|hpp|cc)$' | grep -v '/gen/' |
                       while read -r f; do [ -f "$f" ] && echo "$f"; done)
fi
[ ${#files[@]} -gt 0 ] || { echo "format.sh: no files"; exit 0; }

if [ $fix = 1 ]; then
  "$fmt" -i "${files[@]}"
  echo "format.sh: formatted ${#files[@]} files"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  "$fmt" --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "format.sh: ${#bad[@]} of ${#files[@]} files are not clang-formatted:"
  printf '  %s\n' "${bad[@]}"
  echo "(see the changes with: $fmt --dry-run FILE; fix with scripts/format.sh --fix FILE)"
  exit 1
fi
echo "format.sh: ${#files[@]} files clang-formatted"
