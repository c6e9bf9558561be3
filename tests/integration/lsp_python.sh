#!/usr/bin/env bash
# Runs one Python test of the language server (next to this file) against the
# real binary, in a fresh vault folder removed afterwards.
# Usage: lsp_python.sh SCRIPT.py   (VAULTLINK: the CLI binary)
set -euo pipefail
: "${VAULTLINK:?}"
here=$(cd "$(dirname "$0")" && pwd)
vault=$(mktemp -d "${TMPDIR:-/tmp}/vaultlink-lsp-XXXXXX")
trap 'rm -rf "$vault"' EXIT
timeout 60 python3 "$here/$1" "$VAULTLINK" "$vault"
