#!/usr/bin/env bash
# vaultlink check as a user runs it: exit codes, text and JSON output, NOTE
# filters, usage errors, and the sample vault's findings on the seed note.
set -euo pipefail
: "${VAULTLINK:?path of the vaultlink binary}" "${VAULTLINK_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

vault=$work/vault
mkdir -p "$vault/sub"
printf '# Target\n\nA paragraph ^blk\n' > "$vault/Target.md"
printf 'Fine: [[Target#Target]] [[Target#^blk]]\n' > "$vault/Good.md"
printf 'Missing: [[Nowhere]]\n' > "$vault/sub/Warn.md"
printf 'Bad heading: [[Target#No such heading]]\n' > "$vault/Err.md"

# Exit codes follow --fail-on.
set +e
"$VAULTLINK" check "$vault" >/dev/null; rc_default=$?
"$VAULTLINK" check --fail-on warning "$vault" >/dev/null; rc_warning=$?
"$VAULTLINK" check --fail-on never "$vault" >/dev/null; rc_never=$?
"$VAULTLINK" check "$vault" Good.md >/dev/null; rc_good=$?
"$VAULTLINK" check --fail-on warning "$vault" sub/Warn.md >/dev/null; rc_warn_only=$?
"$VAULTLINK" check --format yaml "$vault" >/dev/null 2>&1; rc_usage=$?
"$VAULTLINK" check "$work/does-not-exist" >/dev/null 2>&1; rc_missing=$?
"$VAULTLINK" check "$vault" Nope.md >/dev/null 2>"$work/err"; rc_no_note=$?
set -e
[ $rc_default = 1 ] || fail "default --fail-on error should exit 1 on an error, got $rc_default"
[ $rc_warning = 1 ] || fail "--fail-on warning exit $rc_warning"
[ $rc_never = 0 ] || fail "--fail-on never exit $rc_never"
[ $rc_good = 0 ] || fail "a clean note should exit 0, got $rc_good"
[ $rc_warn_only = 1 ] || fail "a warning with --fail-on warning should exit 1, got $rc_warn_only"
[ $rc_usage = 2 ] || fail "bad --format should exit 2, got $rc_usage"
[ $rc_missing = 2 ] || fail "a vault that does not exist: 2 (treated as a note outside the current vault), got $rc_missing"
[ $rc_no_note = 2 ] || fail "an unknown note should exit 2, got $rc_no_note"
grep -q "Nope.md" "$work/err" || fail "the error names the unknown note"

# Text: gcc style, vault-relative paths, sorted by path then position, a summary line.
"$VAULTLINK" check --fail-on never "$vault" > "$work/out.txt"
cat > "$work/expected.txt" <<'TXT'
Err.md:1:14: error: 'Target' has no heading 'No such heading' [broken-heading]
sub/Warn.md:1:10: warning: no note named 'Nowhere' [broken-link]
1 error, 1 warning in 4 notes
TXT
diff -u "$work/expected.txt" "$work/out.txt" || fail "text output differs"

# The current folder is the default vault; notes may be given relative to it.
(cd "$vault/sub" && "$VAULTLINK" check --fail-on never "$vault" Warn.md) | grep -q "^sub/Warn.md:1:10:" \
  || fail "a note relative to the current folder"
(cd "$vault" && "$VAULTLINK" check --fail-on never) | grep -q "^Err.md:1:14:" || fail "the current folder as vault"

# JSON: one object with diagnostics and summary.
"$VAULTLINK" check --format json --fail-on never "$vault" > "$work/out.json"
python3 - "$work/out.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
d = data["diagnostics"]
assert [x["code"] for x in d] == ["broken-heading", "broken-link"], d
first = d[0]
assert first["path"] == "Err.md" and first["line"] == 1 and first["column"] == 14, first
assert first["end_line"] == 1 and first["end_column"] == 40, first
assert first["severity"] == "error" and "No such heading" in first["message"], first
assert data["summary"] == {"errors": 1, "warnings": 1, "infos": 0, "notes": 4}, data["summary"]
PY

# The sample vault: the seed note's inconsistent slugs are found, with suggestions.
cp -a "$VAULTLINK_SOURCE_DIR/examples/vault" "$work/example"
"$VAULTLINK" check --format json --fail-on never "$work/example" > "$work/example.json"
python3 - "$work/example.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["diagnostics"]
seed = [x for x in d if x["path"].startswith("Transcripts/")]
assert len(seed) == 3, seed
assert all(x["code"] == "broken-link" for x in seed), seed
assert seed[0]["suggestion"] == "[[Leadership and teamwork in public administration|leadership]]", seed[0]
PY
echo "check_cli_test: ok"
