#!/usr/bin/env bash
# The language server over real pipes (see lsp_protocol.py).
set -euo pipefail
: "${VAULTLINK:?}"
here=$(cd "$(dirname "$0")" && pwd)
vault=$(mktemp -d "${TMPDIR:-/tmp}/vaultlink-lsp-XXXXXX")
trap 'rm -rf "$vault"' EXIT
timeout 60 python3 "$here/lsp_protocol.py" "$VAULTLINK" "$vault"
