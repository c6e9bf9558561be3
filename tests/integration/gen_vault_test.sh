#!/usr/bin/env bash
# The benchmark vault generator: deterministic, and the vault has the features
# the benchmarks are meant to exercise.
set -euo pipefail
gen=${VAULTLINK_GEN_VAULT:?VAULTLINK_GEN_VAULT must name the vaultlink-gen-vault binary}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

"$gen" --notes 50 --seed 7 "$work/a" 2>/dev/null
"$gen" --notes 50 --seed 7 "$work/b" 2>/dev/null
"$gen" --notes 50 --seed 8 "$work/c" 2>/dev/null
"$gen" --notes 50 --seed 7 --markdown-links "$work/md" 2>/dev/null

diff -r "$work/a" "$work/b" >/dev/null || fail "same seed gave different vaults"
if diff -r "$work/a" "$work/c" >/dev/null; then fail "different seeds gave the same vault"; fi

notes=$(find "$work/a" -name '*.md' | wc -l)
[ "$notes" -eq 50 ] || fail "expected 50 notes, found $notes"

has() {  # has DESCRIPTION PATTERN [DIR]: some note matches the extended regex
  grep -rqE -- "$2" "${3:-$work/a}" || fail "no $1 (pattern $2)"
}
has "aliased wikilink" '\[\[[A-Z][^]|#]+ \| [^]]+\]\]'
has "snake_case slug link" '\[\[[a-z0-9]+(_[a-z0-9]+)+ ?\|'
has "heading link" '\[\[[^]|#]+#[A-Z][^]^]*\]\]|\[\[[^]|#]+#[A-Z][^]^|]* ?\|'
has "block link" '\[\[[^]|#]+#\^blk-[a-z0-9]{6}'
has "embed" '!\[\[diagram-[0-9]{5}\.png'
has "timestamp anchor" '<a class="yt-timestamp" data-t="[0-9]{2}:[0-5][0-9]:[0-5][0-9]">\[[0-9:]{8}\]</a>'
has "frontmatter videoId" '^videoId: [A-Za-z0-9_-]{11}$'
has "code fence" '^```'
has "fake link in inline code or a fence" '`\[\[|^Template for a new summary: \[\['
has "aliases list" '^aliases:$'
has "channel line" '^From: \[\['

# Every block id a link names (except the deliberately missing blk-gone00)
# is written as a ^marker in some note, so block links mostly resolve.
linked_ids=$(grep -rhoE '#\^blk-[a-z0-9]{6}' "$work/a" | sort -u | sed 's/#\^//' | grep -v '^blk-gone00$' || true)
[ -n "$linked_ids" ] || fail "no block ids linked"
for id in $linked_ids; do
  grep -rqE " \^$id\$" "$work/a" || fail "block $id is linked but no note defines it"
done

# The Markdown-link variant is the same vault spelled differently: same files,
# Markdown links with encoded relative paths, no wikilinks outside code.
diff <(cd "$work/a" && find . -type f | sort) <(cd "$work/md" && find . -type f | sort) >/dev/null \
  || fail "markdown variant has different files"
has "markdown link with encoded path" '\]\((\.\./)*[A-Za-z/]*[A-Za-z]+%20[^)]*\.md(#[^)]*)?\)' "$work/md"
if grep -rE '\[\[' "$work/md" | grep -vE 'Template for a new summary|`\[\[' >/dev/null; then
  fail "wikilink outside code in markdown variant"
fi

# Refuses to write into a non-empty folder (old files would break determinism).
if "$gen" --notes 5 "$work/a" 2>/dev/null; then fail "wrote into a non-empty folder"; fi
status=0; "$gen" --notes x "$work/d" 2>/dev/null || status=$?
[ "$status" -eq 2 ] || fail "bad --notes should exit 2, got $status"
echo "gen_vault_test: ok"
