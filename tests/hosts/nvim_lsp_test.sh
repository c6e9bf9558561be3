#!/usr/bin/env bash
# `vaultlink lsp` under Neovim's built-in LSP client (see nvim_lsp_test.lua).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${VAULTLINK:?}"
source "$here/nvim_run.sh"

vault=$(mktemp -d "${TMPDIR:-/tmp}/vaultlink-nvim-lsp-XXXXXX")
trap 'rm -rf "$vault"' EXIT
printf '# Alpha\n' >"$vault/Alpha.md"
printf '# Gamma\n\nA link to [[Nowhere at all]].\n' >"$vault/Gamma.md"

VAULTLINK_TEST_VAULT=$vault run_nvim_lua "$here/nvim_lsp_test.lua"
