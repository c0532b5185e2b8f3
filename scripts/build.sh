#!/usr/bin/env bash
# Configures cppet with Ninja and builds it, warnings as errors.
#
#   scripts/build.sh [EXTRA CMAKE ARGS...]
#
# Env: BUILD_DIR (default build), JOBS (default: number of cores),
#      CPPET_WERROR (default ON), CMAKE_BUILD_TYPE (default RelWithDebInfo).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

cmake -G Ninja -S . -B "$build" \
  -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" \
  -DCPPET_WERROR="${CPPET_WERROR:-ON}" \
  "$@"
cmake --build "$build" -j "$jobs"
