#!/usr/bin/env bash
# Regenerates the expectations of cppet's own differential cases
# (conformance/cases) with the real Puppet 7.23 (apt-get install puppet-agent),
# through the shared corpus' make-expected.sh. A case holds site.pp, node,
# facts.json and either expected.json (written here) or expected-error.txt
# (a substring of Puppet's error, checked here).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
conformance=${CPPET_CONFORMANCE:-../shared/conformance}
command -v puppet >/dev/null || { echo "make-differential: needs puppet (apt-get install puppet-agent)" >&2; exit 2; }
JOBS=${JOBS:-2} "$conformance/make-expected.sh" "$PWD/conformance/cases"
