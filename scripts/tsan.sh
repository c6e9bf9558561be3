#!/usr/bin/env bash
# ThreadSanitizer build (clang-14) of only what the concurrency tests need,
# then those tests: the watcher, change coalescer and parallel vault load and
# check, the incremental session and the watch loop (tests/tsan.cmake), the C ABI's event queue, and its watch and event
# round trip through the shared library (hosts.abi, which also compares the
# settings schema with the CLI's). Any report fails.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${VAULTLINK_TSAN_BUILD_DIR:-$here/build-tsan}
cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DVAULTLINK_TSAN=ON ${VAULTLINK_TSAN_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" -j "${VAULTLINK_JOBS:-2}" --target tsan_unit_tests abi_test event_queue_test vaultlink_shared vaultlink
cd "$build_dir"
TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1" \
  ctest --output-on-failure -j 2 -R '^(tsan\.unit|hosts\.abi|hosts\.event_queue)$'
