#!/usr/bin/env bash
# Runs nvim_cdef_test.lua in headless Neovim (LuaJIT), failing on any Lua error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/nvim_run.sh"
run_nvim_lua "$here/nvim_cdef_test.lua"
