#!/usr/bin/env bash
# The public fixture vaults in ../shared/fixtures (obsidian-export's test
# inputs) check without crashing and with exactly the findings reviewed by hand
# against OBSIDIAN-LINKS.md. Each vault is copied first: nothing edits shared/.
set -euo pipefail
: "${VAULTLINK:?}" "${VAULTLINK_SHARED_DIR:?}"
input=$VAULTLINK_SHARED_DIR/fixtures/obsidian-export-testdata/input
[ -d "$input" ] || { echo "FAIL: fixtures not found at $input" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a "$input" "$work/input"

actual=$work/actual.txt
for vault in "$work"/input/*/; do
  name=$(basename "$vault")
  "$VAULTLINK" check --fail-on never "$vault" | { grep -v ' in [0-9]* notes$' || true; } | sed "s|^|$name/|" >> "$actual"
done

# Reviewed by hand:
# - embeds.md embeds "non-existing note", which does not exist (rule 20);
#   "![[Not a valid embed.]" and "![[Partial embed" never close: not links (rule 4).
# - foo.md has no block ^abc: every spelling of [[foo#^abc]] in the trimming
#   note is the same link (rule 5), to a block that does not exist.
# - pure-markdown-examples.md links [link text](link-location.md): no such file (rule 21).
# - [[uppercased-note]] finds Uppercased-note.md (rule 11); dir1/Note and
#   dir2/Note are exact paths (rule 12); Nöte with 'quotes' resolves (rule 11).
cat > "$work/expected.txt" <<'TXT'
main-samples/embeds.md:7:1: warning: embedded file 'non-existing note' does not exist [broken-link]
main-samples/issue-188-wikilinks-need-trimming.md:14:1: error: 'foo' has no block ^abc [broken-block]
main-samples/issue-188-wikilinks-need-trimming.md:15:1: error: 'foo' has no block ^abc [broken-block]
main-samples/issue-188-wikilinks-need-trimming.md:16:1: error: 'foo' has no block ^abc [broken-block]
main-samples/issue-188-wikilinks-need-trimming.md:17:1: error: 'foo' has no block ^abc [broken-block]
main-samples/pure-markdown-examples.md:41:1: warning: no note named 'link-location.md' [broken-link]
TXT
diff -u "$work/expected.txt" "$actual" || { echo "FAIL: fixture findings changed" >&2; exit 1; }
# check writes only its index cache, into each vault's state folder.
diff -r -x .vaultlink "$input" "$work/input" >/dev/null || { echo "FAIL: check modified a fixture" >&2; exit 1; }
echo "shared_fixtures_test: ok"
