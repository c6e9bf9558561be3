#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang-14 and runs each for a
# bounded time: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Starts from the seed corpus in tests/fuzz/corpus/<target>/ (not modified:
# new inputs go to $VAULTLINK_FUZZ_BUILD_DIR/corpus/<target>/, kept for the next run). A crash or a violated property stops the
# run with the input saved under $VAULTLINK_FUZZ_BUILD_DIR/artifacts/; keep it
# in the corpus and add it to the Catch2 suite (tests/unit/fuzz_regressions_test.cpp).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-20}
shift || true
build_dir=${VAULTLINK_FUZZ_BUILD_DIR:-$here/build-fuzz}
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(parse_note inline_scan frontmatter settings backlinks_splice lsp_message)
fi

# Only the fuzz targets and what they link are built (no tests, no hosts).
cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DVAULTLINK_FUZZ=ON -DVAULTLINK_TESTS=OFF ${VAULTLINK_FUZZ_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" -j "${VAULTLINK_JOBS:-2}" --target fuzz_targets

scratch=$build_dir/corpus
mkdir -p "$build_dir/artifacts"
status=0
for target in "${targets[@]}"; do
  mkdir -p "$scratch/$target"
  log=$scratch/$target.log
  if UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
     "$build_dir/tests/fuzz/${target}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$build_dir/artifacts/$target-" \
       "$scratch/$target" "$here/tests/fuzz/corpus/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz: $target: ${runs:-?} executions in ${seconds}s, no failure"
  else
    echo "fuzz: $target FAILED; the input is in $build_dir/artifacts/:" >&2
    tail -n 60 "$log" >&2
    status=1
  fi
done
exit $status
