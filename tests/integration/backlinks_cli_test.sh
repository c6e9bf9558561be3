#!/usr/bin/env bash
# vaultlink backlinks: the CLI on real vaults, end to end.
set -euo pipefail
: "${VAULTLINK:?path of the vaultlink binary}" "${VAULTLINK_SOURCE_DIR:?source folder}"

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Exit status of a command, without tripping set -e.
status_of() { set +e; "$@" >"$work/out" 2>"$work/err"; local rc=$?; set -e; echo "$rc"; }
# Path, size, mtime and checksum of every file: equal listings mean nothing was written.
listing() { (cd "$1" && find . -type f -printf '%p %s %T@\n' | sort && find . -type f -exec sha256sum {} + | sort); }

# --- the sample vault is committed with current sections -----------------------
cp -a "$VAULTLINK_SOURCE_DIR/examples/vault" "$work/sample"
[ "$(status_of "$VAULTLINK" backlinks --check "$work/sample")" = 0 ] ||
  fail "examples/vault has stale backlinks sections: $(cat "$work/out")"
grep -qF '[[Leadership and collaboration in public service#Lessons Learned for the Future]] · [00:15:21](https://www.youtube.com/watch?v=zFfSrTvgeis&t=921s)' \
  "$work/sample/Topics/Public sector innovation and crosssector collaboration.md" ||
  fail "the topic note does not show where in the video it was discussed"

# --- a vault built here ---------------------------------------------------------
v=$work/vault
mkdir -p "$v/Topics"
printf '# Topic\r\n\r\nWindows line endings.\r\n' >"$v/Topics/Topic.md"
printf 'no final newline' >"$v/Open.md"
printf 'locked\n' >"$v/Locked.md"
printf 'text\n<!-- vaultlink:backlinks -->\n- [[Old]]\n' >"$v/Broken.md"
printf '## Part one\nSee [[Topic]], [[Open]], [[Locked]] and [[Broken]].\n' >"$v/Source.md"
printf 'Nobody links here.\n' >"$v/Alone.md"
cp -a "$v" "$work/original"
chmod 444 "$v/Locked.md"

# --check writes nothing and fails on stale sections.
before=$(listing "$v")
[ "$(status_of "$VAULTLINK" backlinks --check "$v")" = 1 ] || fail "--check should exit 1 on stale sections"
grep -qx 'stale: Topics/Topic.md' "$work/out" || fail "--check does not list the stale note: $(cat "$work/out")"
[ "$(listing "$v")" = "$before" ] || fail "--check wrote files"

# A run writes, reports each changed note, the read-only and the malformed ones.
[ "$(status_of "$VAULTLINK" backlinks "$v")" = 1 ] || fail "errors should make the run exit 1"
grep -qx 'updated: Topics/Topic.md' "$work/out" || fail "Topic.md not reported: $(cat "$work/out")"
grep -qx 'updated: Open.md' "$work/out" || fail "Open.md not reported"
grep -q '^Locked.md: error: .*read-only' "$work/out" || fail "no read-only error: $(cat "$work/out")"
grep -q '^Broken.md:2:1: error: .*\[backlinks-markers\]' "$work/out" || fail "no marker diagnostic: $(cat "$work/out")"
cmp -s "$v/Locked.md" "$work/original/Locked.md" || fail "the read-only note changed"
cmp -s "$v/Broken.md" "$work/original/Broken.md" || fail "the note with malformed markers changed"
cmp -s "$v/Alone.md" "$work/original/Alone.md" || fail "a note without backlinks was touched"

# Bytes outside the section are kept: CRLF stays CRLF, no final newline stays so.
expected=$(printf '# Topic\r\n\r\nWindows line endings.\r\n\r\n<!-- vaultlink:backlinks -->\r\n## Backlinks\r\n- [[Source]]\r\n  - [[Source#Part one]]\r\n<!-- /vaultlink:backlinks -->\r\n' | sha256sum)
[ "$(sha256sum <"$v/Topics/Topic.md")" = "$expected" ] || fail "Topic.md: $(od -c "$v/Topics/Topic.md" | head -20)"
[ "$(tail -c 29 "$v/Open.md")" = '<!-- /vaultlink:backlinks -->' ] || fail "Open.md gained a final newline"
head -c 16 "$v/Open.md" | cmp -s - "$work/original/Open.md" || fail "Open.md's text changed"

# Running twice changes nothing the second time.
before=$(listing "$v")
[ "$(status_of "$VAULTLINK" backlinks "$v")" = 1 ] || fail "second run: errors remain"
grep -qx '0 updated, 4 unchanged, 1 with malformed markers, 1 error' "$work/out" || fail "second run: $(cat "$work/out")"
[ "$(listing "$v")" = "$before" ] || fail "the second run wrote files"

# JSON output.
"$VAULTLINK" backlinks --check --format json "$v" >"$work/json" || true
# (--check does not try to write, so the read-only note is simply stale.)
grep -q '"stale": 1' "$work/json" || fail "json: $(cat "$work/json")"
grep -q '"status": "malformed"' "$work/json" || fail "json lacks the malformed note"
grep -q '"line": 2' "$work/json" || fail "json lacks the marker's line"

# Fix the problems: the run succeeds and --check passes.
chmod 644 "$v/Locked.md"
printf 'text\n' >"$v/Broken.md"
[ "$(status_of "$VAULTLINK" backlinks "$v")" = 0 ] || fail "run after fixes: $(cat "$work/out")"
[ "$(status_of "$VAULTLINK" backlinks --check "$v")" = 0 ] || fail "--check after a run: $(cat "$work/out")"

# The source is deleted: every section goes and the original bytes come back.
rm "$v/Source.md"
[ "$(status_of "$VAULTLINK" backlinks "$v")" = 0 ] || fail "run after delete: $(cat "$work/out")"
for note in Topics/Topic.md Open.md Locked.md; do
  cmp -s "$v/$note" "$work/original/$note" || fail "$note did not get its original bytes back"
done

# Usage errors exit 2.
[ "$(status_of "$VAULTLINK" backlinks --bogus "$v")" = 2 ] || fail "unknown option should exit 2"
[ "$(status_of "$VAULTLINK" backlinks --format xml "$v")" = 2 ] || fail "bad format should exit 2"
echo "backlinks CLI: ok"
