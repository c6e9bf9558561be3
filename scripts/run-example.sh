#!/usr/bin/env bash
# The first README command: installs what is missing, builds, and runs the main
# job on a fresh copy of the sample vault (the original is never modified):
# 'vaultlink run': check the links and timestamps, update the backlinks sections, commit with git.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
VAULTLINK_BUILD_DIR=$here/build "$here/scripts/build.sh"
vaultlink=$here/build/plugin/cli/vaultlink
copy=$(mktemp -d "${TMPDIR:-/tmp}/vaultlink-example-XXXXXX")
cp -a "$here/examples/vault/." "$copy/"
# The copy is not inside a repository: let vaultlink create one for it.
printf '{ "gitInit": true }\n' > "$copy/.vaultlink.json"

echo "== vaultlink run $copy   (check, update backlinks, commit)"
"$vaultlink" run --fail-on never "$copy"
echo
echo "== git log"
git -C "$copy" log --oneline | head -n 5
echo
echo "(the copy is kept at $copy; 'vaultlink watch $copy' keeps it checked while you edit)"
