#!/usr/bin/env bash
# vaultlink watch and vaultlink run: the real binary on a real vault with a real
# watcher and a real git repository, edited the ways editors and git edit it.
set -euo pipefail
: "${VAULTLINK:?path of the vaultlink binary}"

work=$(mktemp -d)
watcher=
cleanup() {
  [ -n "$watcher" ] && kill -9 "$watcher" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  [ -f "$work/events" ] && { echo "--- events:" >&2; tail -n 40 "$work/events" >&2; }
  exit 1
}

# Waits (up to $3 seconds, default 20) until the command "$2" succeeds; $1 names what is awaited.
wait_until() {
  local what=$1 check=$2 limit=${3:-20} waited=0
  until eval "$check" >/dev/null 2>&1; do
    sleep 0.1
    waited=$((waited + 1))
    [ "$waited" -lt $((limit * 10)) ] || fail "timed out waiting for $what"
  done
}
events_with() { grep -F -- "$1" "$work/events"; }

v=$work/vault
mkdir -p "$v/Topics"
printf '{ "gitInit": true, "gitQuietSeconds": 1, "debounceMs": 50 }\n' >"$v/.vaultlink.json"
printf '# Home\n\nSee [[Plan]] and [[Topics/Ideas#Later]].\n' >"$v/Home.md"
printf '# Ideas\n\n## Soon\n' >"$v/Topics/Ideas.md"

# --- vaultlink run: check, backlinks and commit in one go --------------------------
set +e
"$VAULTLINK" run "$v" >"$work/run.out" 2>&1
rc=$?
set -e
[ "$rc" = 1 ] || fail "run should exit 1 on a broken heading (got $rc): $(cat "$work/run.out")"
grep -q 'Home.md:3:5: warning: .*\[broken-link\]' "$work/run.out" || fail "run does not report the broken link: $(cat "$work/run.out")"
grep -q 'backlinks updated: Topics/Ideas.md' "$work/run.out" || fail "run does not write the section: $(cat "$work/run.out")"
grep -q '^committed ' "$work/run.out" || fail "run does not commit: $(cat "$work/run.out")"
[ -z "$(git -C "$v" status --porcelain)" ] || fail "run left changes uncommitted: $(git -C "$v" status --porcelain)"
commits_before=$(git -C "$v" rev-list --count HEAD)

# --- vaultlink watch ------------------------------------------------------------
"$VAULTLINK" watch --format json "$v" >"$work/events" 2>"$work/stderr" &
watcher=$!
wait_until "the ready event" 'events_with "\"event\":\"ready\""'
events_with '"change":"added"' | grep -q '"code":"broken-link"' || fail "the initial diagnostics are not listed"

# An editor-style save: write a temp file, rename it over the note's name.
printf '# Plan\n\n## Steps\n' >"$v/.Plan.md.swp"
mv "$v/.Plan.md.swp" "$v/Plan.md"
wait_until "the broken link to Plan to disappear" \
  'events_with "\"change\":\"removed\"" | grep -q "Plan"'
wait_until "Plan's backlinks section" 'grep -qF "[[Home]]" "$v/Plan.md"'

# A heading removed breaks the link into it; the linking note is re-checked.
printf '# Ideas\n\n## Someday\n' >"$v/Topics/Ideas.md"
wait_until "the broken heading" 'events_with "\"change\":\"added\"" | grep -q "broken-heading"'

# A rename: links to the old name break, the section follows the note.
mv "$v/Plan.md" "$v/Topics/Plan v2.md"
wait_until "the broken link after the rename" \
  'events_with "\"change\":\"added\"" | grep "broken-link" | grep -q "Plan"'

# A burst of 1,000 new notes, each linking to Home, is coalesced and lands fully.
mkdir "$v/burst"
for i in $(seq 1 1000); do printf 'Note %d links [[Home]].\n' "$i" >"$v/burst/n$i.md"; done
wait_until "Home's section to list the burst" 'grep -qF "[[n1000]]" "$v/Home.md"' 60
burst_batches=$(grep -c '"path":"Home.md"' "$work/events" || true)
[ "$burst_batches" -lt 50 ] || fail "1,000 changes were not coalesced: Home.md written $burst_batches times"

# Quiet for gitQuietSeconds: the changes are committed without being asked.
wait_until "an automatic commit" '[ "$(git -C "$v" rev-list --count HEAD)" -gt "$commits_before" ]' 30

# The watched state equals a from-scratch run over the same files.
wait_until "every section to be current" '"$VAULTLINK" backlinks --check "$v"' 30
"$VAULTLINK" check --format json --fail-on never "$v" >"$work/fresh.json"
python3 - "$work/events" "$work/fresh.json" <<'EOF' || fail "the watched diagnostics differ from a fresh check"
import json, sys
live = {}
for line in open(sys.argv[1]):
    event = json.loads(line)
    if event.get("event") != "diagnostic":
        continue
    d = event["diagnostic"]
    key = json.dumps(d, sort_keys=True)
    live[key] = live.get(key, 0) + (1 if event["change"] == "added" else -1)
live = sorted(k for k, n in live.items() for _ in range(n))
fresh = sorted(json.dumps(d, sort_keys=True) for d in json.load(open(sys.argv[2]))["diagnostics"])
if live != fresh:
    print("live only:", sorted(set(live) - set(fresh))[:5])
    print("fresh only:", sorted(set(fresh) - set(live))[:5])
    sys.exit(1)
EOF

# SIGTERM: pending work is finished and committed, then exit 0.
printf 'last words [[Home]]\n' >"$v/Last.md"
sleep 0.3
kill -TERM "$watcher"
set +e
wait "$watcher"
rc=$?
set -e
watcher=
[ "$rc" = 0 ] || fail "watch exited $rc on SIGTERM: $(cat "$work/stderr")"
tail -n 1 "$work/events" | grep -q '"event":"stopped"' || fail "no stopped event"
[ -z "$(git -C "$v" status --porcelain)" ] || fail "changes left uncommitted at exit: $(git -C "$v" status --porcelain)"
grep -qF '[[Last]]' "$v/Home.md" || fail "the last change's section was not written before exit"
git -C "$v" fsck --no-progress >/dev/null 2>&1 || fail "git fsck fails"
echo "watch_cli_test: ok"
