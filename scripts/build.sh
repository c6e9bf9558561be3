#!/usr/bin/env bash
# Configures and builds vaultlink into build/ (or $VAULTLINK_BUILD_DIR).
# Extra arguments go to cmake's configure step (e.g. -DVAULTLINK_SANITIZE=ON).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${VAULTLINK_BUILD_DIR:-$here/build}
cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=${VAULTLINK_BUILD_TYPE:-RelWithDebInfo} "$@" >/dev/null
cmake --build "$build_dir" -j "${VAULTLINK_JOBS:-2}"
