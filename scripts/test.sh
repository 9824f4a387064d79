#!/usr/bin/env bash
# test.sh: install what is missing, build sls, and run every test (unit + end-to-end).
#   scripts/test.sh              RelWithDebInfo build in build/, all tests
#   scripts/test.sh --sanitize   ASan+UBSan build in build-asan/, all tests
# Extra cmake flags can be given in SLS_CMAKE_FLAGS (CI passes -DSLS_WERROR=ON).
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
flags=()
if [ "${1:-}" = "--sanitize" ]; then
  build=build-asan
  flags+=(-DSLS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
fi
scripts/install-deps.sh
# shellcheck disable=SC2086
cmake -S . -B "$build" -G Ninja "${flags[@]}" ${SLS_CMAKE_FLAGS:-} >/dev/null
cmake --build "$build" -j "$(nproc)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
