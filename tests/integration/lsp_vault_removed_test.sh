#!/usr/bin/env bash
# The language server survives its vault folder being removed (see lsp_vault_removed.py).
set -euo pipefail
exec bash "$(dirname "$0")/lsp_python.sh" lsp_vault_removed.py
