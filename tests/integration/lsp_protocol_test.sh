#!/usr/bin/env bash
# The language server over real pipes (see lsp_protocol.py).
set -euo pipefail
exec bash "$(dirname "$0")/lsp_python.sh" lsp_protocol.py
