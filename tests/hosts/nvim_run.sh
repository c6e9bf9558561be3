# Sourced by the Neovim tests: run_nvim_lua FILE runs FILE in a headless
# Neovim with the plugin on the runtimepath and no user configuration. A Lua
# error anywhere makes Neovim exit 1 (cquit); the test also requires the
# script to have reached its end, so a script that never ran cannot pass.
: "${VAULTLINK_SOURCE_DIR:?}" "${VAULTLINK_LIBRARY:?}"
command -v nvim >/dev/null || { echo "nvim not found: run scripts/install-deps.sh" >&2; exit 1; }

run_nvim_lua() {
  local script=$1 done_marker
  done_marker=$(mktemp)
  rm -f "$done_marker"
  local status=0
  VAULTLINK_DONE_MARKER=$done_marker timeout 50 nvim --headless -u NONE -i NONE -n \
    --cmd "set rtp^=$VAULTLINK_SOURCE_DIR/plugin/nvim" \
    --cmd 'runtime plugin/vaultlink.lua' \
    -c "lua local ok, err = pcall(dofile, [[$script]]) if ok then io.open(os.getenv('VAULTLINK_DONE_MARKER'), 'w'):close() vim.cmd('qall!') else io.stderr:write('\n' .. tostring(err) .. '\n') vim.cmd('cquit 1') end" \
    </dev/null || status=$?
  if [ "$status" -ne 0 ]; then
    echo "$(basename "$script"): Neovim exited with $status" >&2
    return 1
  fi
  if [ ! -e "$done_marker" ]; then
    echo "$(basename "$script"): did not run to its end" >&2
    return 1
  fi
  rm -f "$done_marker"
}
