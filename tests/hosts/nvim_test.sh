#!/usr/bin/env bash
# The Neovim plugin end to end: the real plugin, the real library, a real vault
# in a temp folder, driven by headless Neovim (see nvim_test.lua).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/nvim_run.sh"

vault=$(mktemp -d "${TMPDIR:-/tmp}/vaultlink-nvim-XXXXXX")
trap 'rm -rf "$vault"' EXIT
printf '# Alpha\n\nSee [[Beta]].\n' >"$vault/Alpha.md"
printf '# Beta\n\n## Details\n' >"$vault/Beta.md"
printf '# Gamma\n\nA link to [[Nowhere at all]].\n' >"$vault/Gamma.md"
printf '# Real name\n' >"$vault/Real name.md"
git -C "$vault" init -q
git -C "$vault" -c user.name=t -c user.email=t@t add -A
git -C "$vault" -c user.name=t -c user.email=t@t commit -qm initial

VAULTLINK_TEST_VAULT=$vault run_nvim_lua "$here/nvim_test.lua"
