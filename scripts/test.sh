#!/usr/bin/env bash
# Runs cppet's tests: the conformance corpus (reported, never fails the run),
# then the lit tests and GoogleTest unit tests through the `check` target.
# The last line printed is the lit + unit result, `N passed, M failed`; the
# exit status is non-zero when any of those fails (or the build fails).
#
# Env: BUILD_DIR (default build; configured with scripts/build.sh if absent),
#      JOBS, LIT_OPTS (extra lit flags, read by lit itself),
#      CPPET_CONFORMANCE (default ../shared/conformance),
#      CPPET_SKIP_CONFORMANCE=1 to skip the corpus,
#      CASE_TIMEOUT (per conformance case, default 10 s),
#      CONFORMANCE_TIMEOUT (whole corpus, default 600 s),
#      CPPET_SKIP_TESTHOST=1 not to create the test host cache (root only;
#      see scripts/testhost.sh).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
conformance=${CPPET_CONFORMANCE:-../shared/conformance}

# 1. Build (incrementally when the build dir exists).
if [ -f "$build/build.ninja" ] || [ -f "$build/Makefile" ]; then
  cmake --build "$build" -j "$jobs"
else
  BUILD_DIR=$build scripts/build.sh
fi
build_rc=$?
if [ $build_rc -ne 0 ]; then
  echo "test.sh: build failed (exit $build_rc); no tests were run"
  echo "0 passed, 1 failed"
  exit 1
fi

# 2. Conformance corpus: informational only (tracked in docs/conformance.md).
if [ "${CPPET_SKIP_CONFORMANCE:-0}" = 0 ] && [ -x "$conformance/run.sh" ]; then
  echo "== conformance corpus ($conformance/cases, not gating)"
  out=$(CASE_TIMEOUT=${CASE_TIMEOUT:-10} timeout "${CONFORMANCE_TIMEOUT:-600}" \
          "$conformance/run.sh" "$build/bin/cppetc" "$conformance/cases" 2>&1)
  summary=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
  printf '%s\n' "$out" | grep '^FAIL ' | head -n "${CONFORMANCE_SHOW:-15}"
  nfail=$(printf '%s\n' "$out" | grep -c '^FAIL ')
  [ "$nfail" -gt "${CONFORMANCE_SHOW:-15}" ] && echo "... ($nfail failing cases; see docs/conformance.md)"
  # Reworded so that only the lit line below reads as the run's result.
  echo "== conformance result (not gating): ${summary:-incomplete (timed out or crashed)}"
elif [ "${CPPET_SKIP_CONFORMANCE:-0}" = 0 ]; then
  echo "== conformance corpus not found at $conformance: skipped"
fi

# 2b. Test hosts: `REQUIRES: testhost` tests run in throwaway Debian hosts
# made from a cached debootstrap rootfs (scripts/testhost.sh). As root, the
# cache is created when missing or out of date (about a minute once per
# machine, then a no-op); otherwise those tests are reported unsupported.
if [ "${CPPET_SKIP_TESTHOST:-0}" != 0 ]; then
  echo "== test hosts: skipped (CPPET_SKIP_TESTHOST=1); REQUIRES: testhost tests are unsupported"
elif [ "$(id -u)" -ne 0 ]; then
  echo "== test hosts: not root; REQUIRES: testhost tests are unsupported"
elif ! scripts/testhost.sh create; then
  echo "== test hosts: scripts/testhost.sh create FAILED; REQUIRES: testhost tests are unsupported"
fi

# 3. lit tests + unit tests.
echo "== lit tests and unit tests ($build)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cmake --build "$build" -j "$jobs" --target check 2>&1 | tee "$log"
check_rc=${PIPESTATUS[0]}

# lit ends with "Testing Time: ..." and one "  Label: count" line per result
# kind; take the block after the last "Testing Time:".
read -r passed failed skipped < <(awk '
  /^Testing Time:/ { p = 0; f = 0; s = 0; seen = 1; next }
  seen && /^  [A-Za-z][A-Za-z ]*: *[0-9]+$/ {
    split($0, kv, ":"); label = kv[1]; n = kv[2] + 0
    gsub(/^ +| +$/, "", label)
    if (label == "Passed" || label == "Passed With Retry" || label == "Expectedly Failed") p += n
    else if (label == "Failed" || label == "Unresolved" || label == "Timed Out" || label == "Unexpectedly Passed") f += n
    else if (label == "Unsupported" || label == "Skipped") s += n
  }
  END { print p + 0, f + 0, s + 0 }' "$log")

if [ "$check_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # lit or the check target failed without counting a failed test (no tests
  # discovered, a dependency failed to build, lit missing...).
  echo "test.sh: the check target failed (exit $check_rc)"
  failed=1
fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$check_rc" -eq 0 ] && [ "$failed" -eq 0 ]
