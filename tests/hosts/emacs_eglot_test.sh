#!/usr/bin/env bash
# `vaultlink lsp` under Emacs eglot and Flymake (see emacs_eglot_test.el).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${VAULTLINK:?}"
command -v emacs >/dev/null || { echo "emacs not found: run scripts/install-deps.sh" >&2; exit 1; }

vault=$(mktemp -d "${TMPDIR:-/tmp}/vaultlink-eglot-XXXXXX")
trap 'rm -rf "$vault"' EXIT
mkdir "$vault/home"
printf '# Alpha\n' >"$vault/Alpha.md"
printf '# Gamma\n\nA link to [[Nowhere at all]].\n' >"$vault/Gamma.md"
# The vault's settings file makes broken links notes; eglot's configuration makes them errors.
printf '{ "severities": { "broken-link": "info" } }\n' >"$vault/.vaultlink.json"
# A fresh HOME: no user init file, no packages of the user's.
HOME=$vault/home VAULTLINK_TEST_VAULT=$vault timeout 50 emacs --batch -l "$here/emacs_eglot_test.el"
