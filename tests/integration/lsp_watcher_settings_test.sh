#!/usr/bin/env bash
# The language server's file watcher follows changes of settings (see lsp_watcher_settings.py).
set -euo pipefail
exec bash "$(dirname "$0")/lsp_python.sh" lsp_watcher_settings.py
