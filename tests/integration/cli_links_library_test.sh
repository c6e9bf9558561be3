#!/usr/bin/env bash
# The CLI is a host of libvaultlink like the editors: it loads the shared
# library and calls its C ABI, and carries no engine code of its own. So every
# CLI test exercises the library users load. Checked on the binary itself:
#  - its dynamic section needs libvaultlink.so and none of the engine's own
#    dependencies (libgit2, cmark-gfm, yaml-cpp, utf8proc), which only the
#    library needs;
#  - it defines no symbol of the engine (namespace vaultlink, outside the
#    CLI's own vaultlink::cli) and no libgit2 or cmark function;
#  - it imports the vl_ entry points its commands use.
# `vaultlink lsp`, a server linked to the engine, is a separate program the
# CLI hands over to: it must still answer.
set -euo pipefail
: "${VAULTLINK:?path of the vaultlink binary}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

readelf -d "$VAULTLINK" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' > "$work/needed"
grep -q '^libvaultlink\.so\.' "$work/needed" || fail "the CLI does not load libvaultlink: $(tr '\n' ' ' < "$work/needed")"
if grep -E '^lib(git2|cmark|yaml-cpp|utf8proc)' "$work/needed"; then
  fail "the CLI needs the engine's dependencies itself, so engine code is linked into it"
fi

nm -C --defined-only "$VAULTLINK" > "$work/defined"
if grep -E ' vaultlink::' "$work/defined" | grep -vE ' vaultlink::cli::' > "$work/engine"; then
  head -5 "$work/engine" >&2
  fail "the CLI defines engine symbols ($(wc -l < "$work/engine"))"
fi
if grep -E ' (git_|cmark_)' "$work/defined" > "$work/foreign"; then
  head -5 "$work/foreign" >&2
  fail "the CLI defines libgit2 or cmark functions"
fi
# Some CLI code must be there, or the symbol check above proves nothing.
grep -q ' vaultlink::cli::' "$work/defined" || fail "no vaultlink::cli symbols: is the binary stripped?"

nm -D --undefined-only "$VAULTLINK" | awk '{print $NF}' | sed 's/@.*//' > "$work/imported"
for entry in vl_vault_open_ex vl_vault_check_ex vl_vault_backlinks_update vl_vault_commit vl_vault_sync \
             vl_vault_note_log vl_vault_restore vl_settings_schema vl_vault_watch_start vl_vault_next_event; do
  grep -qx "$entry" "$work/imported" || fail "the CLI does not call $entry"
done

"$VAULTLINK" lsp --help | grep -q "Language Server Protocol" || fail "vaultlink lsp does not reach the server"
echo "ok"
