#!/usr/bin/env bash
# The language server as clients of different capabilities (see lsp_client_capabilities.py).
set -euo pipefail
: "${VAULTLINK:?}"
here=$(cd "$(dirname "$0")" && pwd)
vault=$(mktemp -d "${TMPDIR:-/tmp}/vaultlink-lsp-XXXXXX")
trap 'rm -rf "$vault"' EXIT
timeout 60 python3 "$here/lsp_client_capabilities.py" "$VAULTLINK" "$vault"
