#!/usr/bin/env bash
# The first command: installs the dependencies, builds cppet, compiles the
# seed example's catalog for node1.test.com (printed as Puppet catalog
# JSON), then runs `cppet-master quickstart`: a master and an agent in a
# scratch directory (the agent's certificate signed, a converging run, a
# second run with no changes, the reports the master stored). Nothing
# outside the scratch directory changes.
#
# Env: BUILD_DIR (default build), JOBS, NODE (default node1.test.com),
#      SKIP_DEPS=1 to skip the apt step, QUICKSTART_DIR (default: a new
#      directory under $TMPDIR).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=${BUILD_DIR:-build}
node=${NODE:-node1.test.com}
seed=examples/seed

if [ "${SKIP_DEPS:-0}" = 0 ]; then
  echo "== installing dependencies" >&2
  scripts/install-deps.sh --conformance-modules >&2
fi

echo "== building into $build/" >&2
BUILD_DIR=$build scripts/build.sh >&2

echo "== compiling the seed example's catalog of $node" >&2
catalog="$build/seed-$node.json"
set -x
"$build/bin/cppetc" compile --node "$node" \
  --manifest "$seed/manifests/site.pp" --modulepath "$seed/modules" \
  --facts "$seed/facts/$node.json" > "$catalog"
set +x
cat "$catalog"
echo

echo "== a master and an agent, end to end (cppet-master quickstart)" >&2
args=()
if [ -n "${QUICKSTART_DIR:-}" ]; then
  args=(--dir "$QUICKSTART_DIR")
fi
set -x
"$build/bin/cppet-master" quickstart "${args[@]}"
