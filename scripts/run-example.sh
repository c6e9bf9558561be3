#!/usr/bin/env bash
# The first README command: installs what is missing, builds, and runs the main
# job on a fresh copy of the sample vault (the original is never modified).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
VAULTLINK_BUILD_DIR=$here/build "$here/scripts/build.sh"
copy=$(mktemp -d "${TMPDIR:-/tmp}/vaultlink-example-XXXXXX")
cp -a "$here/examples/vault/." "$copy/"
echo "== vaultlink check $copy"
"$here/build/plugin/cli/vaultlink" check --fail-on never "$copy"
echo "(the copy is kept at $copy)"
