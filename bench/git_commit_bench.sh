#!/usr/bin/env bash
# Commit of one changed note (measurement 4 of bench/run): `vaultlink commit`
# (scanning, and told the note with --changed) side by side with
# `git add -A && git commit` and isomorphic-git, each on its own git copy of
# the generated vault, in the same run. Prints bench/run's tables.
# usage: bench/git_commit_bench.sh [BUILD_DIR] [NOTES] [ROUNDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build_dir=${1:-${VAULTLINK_BUILD_DIR:-$here/../build}}
notes=${2:-10000}
rounds=${3:-7}
exec "$here/run" --build-dir "$build_dir" --sizes "$notes" --runs "$rounds" \
  --only commit_vaultlink,commit_vaultlink_changed,commit_git,commit_isogit \
  --out "${BENCH_OUT:-$here/out/commit}"
