#!/usr/bin/env bash
# The language server loads the vault once at start-up (see lsp_startup_load.py).
set -euo pipefail
exec bash "$(dirname "$0")/lsp_python.sh" lsp_startup_load.py
