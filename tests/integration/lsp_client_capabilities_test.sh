#!/usr/bin/env bash
# The language server as clients of different capabilities (see lsp_client_capabilities.py).
set -euo pipefail
exec bash "$(dirname "$0")/lsp_python.sh" lsp_client_capabilities.py
