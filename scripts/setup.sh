#!/usr/bin/env bash
# The first command: installs the dependencies, builds cppet, compiles the
# seed example's catalog for node1.test.com (printed as Puppet catalog JSON),
# and has the agent apply that catalog in noop mode on this machine (it shows
# what it would change and changes nothing).
#
# Env: BUILD_DIR (default build), JOBS, NODE (default node1.test.com),
#      SKIP_DEPS=1 to skip the apt step.
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

echo "== compiling the catalog of $node" >&2
catalog="$build/seed-$node.json"
set -x
"$build/bin/cppetc" compile --node "$node" \
  --manifest "$seed/manifests/site.pp" --modulepath "$seed/modules" \
  --facts "$seed/facts/$node.json" > "$catalog"
set +x
cat "$catalog"

echo "== applying it with the agent, in noop mode (nothing on this machine changes)" >&2
vardir=$(mktemp -d)
trap 'rm -rf "$vardir"' EXIT
set -x
"$build/bin/cppet-agent" apply --noop --catalog "$catalog" --vardir "$vardir" \
  --modulepath "$seed/modules" >&2
