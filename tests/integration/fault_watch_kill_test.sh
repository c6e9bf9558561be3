#!/usr/bin/env bash
# kill -9 of `vaultlink watch` at random moments while it writes backlinks
# sections and auto-commits (git repository, gitQuietSeconds 0), many times
# over, each run with sections to rewrite and a commit to make.
# After every kill: each note holds exactly the user's text and a whole
# section (never truncated or half-written), a leftover temp file is never
# taken for a note, `git fsck` passes; the next run starts on what the killed
# one left. At the end normal runs recover everything: backlinks, check and a
# commit succeed and leave the repository clean.
# Iterations: VAULTLINK_FAULT_ITERATIONS (default 30, 10 in the sanitizer build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/fault_support.sh"
iterations=${VAULTLINK_FAULT_ITERATIONS:-$(sanitized && echo 10 || echo 30)}
notes=12

v=$work/vault
make_linked_vault "$v" "$notes"
printf '{ "gitQuietSeconds": 0, "debounceMs": 10 }\n' >"$v/.vaultlink.json"
mkdir -p "$v/Linkers" "$work/expected" && cp -a "$v/Notes" "$work/expected/"  # the user's text, without sections
git init -q -b main "$v"
git -C "$v" config user.name tester && git -C "$v" config user.email tester@localhost
"$VAULTLINK" run "$v" >/dev/null || fail "the first run failed"

watcher=
trap '[ -n "$watcher" ] && kill -9 "$watcher" 2>/dev/null; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# The user's edits. Between two runs: a line appended to two notes. During
# a run: a new note linking to five notes (their sections change) and an
# older one removed, so the run has sections to rewrite and a commit to make.
# (The notes a run rewrites are not appended to meanwhile: a kill -9 while
# another process appends to the very note being rewritten is not covered;
# fault_append_test.sh tests those appends without the kill.)
append_edits() {
  local i=$1 n
  for n in $((i % notes)) $(((i * 7 + 3) % notes)); do
    printf 'Edit %d of note %d.\n' "$i" "$n" | tee -a "$work/expected/Notes/Note $n.md" >>"$v/Notes/Note $n.md"
  done
}
linker_edits() {
  local i=$1 n
  {
    printf '# Linker %d\n\n' "$i"
    for n in 1 2 3 4 5; do printf -- '- [[Note %d]]\n' $(((i * 5 + n * 2) % notes)); done
  } >"$v/Linkers/L$i.md"
  rm -f "$v/Linkers/L$((i - 3)).md"
}

# Watch commits what changes while it runs, so the user edits during each
# run. How long a start takes until ready, and an edit until its commit:
# each run is killed at a random moment up to 1.5 times these.
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
await_event() {  # await_event EVENT: up to 5 s
  for ((waited = 0; waited < 500; waited++)); do
    grep -q "\"event\":\"$1\"" "$work/events" && return 0
    sleep 0.01
  done
  fail "no $1 event within 5 s: $(tail -n 5 "$work/events")"
}
start=$(date +%s%N)
"$VAULTLINK" watch --format json "$v" >"$work/events" 2>&1 &
watcher=$!
await_event ready
ready_ms=$(ms_since "$start")
start=$(date +%s%N)
linker_edits "$iterations"
await_event commit
commit_ms=$(ms_since "$start")
echo "watch kill: ready after $ready_ms ms, an edit committed $commit_ms ms later"
kill -9 "$watcher" && wait "$watcher" 2>/dev/null || true
watcher=

: >"$work/leftovers"
killed=0 stale_locks=0 commits_before=$(git -C "$v" rev-list --count HEAD)
for ((i = 0; i < iterations; i++)); do
  append_edits "$i"
  "$VAULTLINK" watch --format json "$v" >"$work/events" 2>&1 &
  watcher=$!
  random_sleep_ms $((ready_ms * 3 / 2))
  linker_edits "$i"
  random_sleep_ms $((commit_ms * 3 / 2))
  kill -9 "$watcher" 2>/dev/null && killed=$((killed + 1))
  wait "$watcher" 2>/dev/null || true
  watcher=

  user_text_intact "$v" "$work/expected" || fail "iteration $i: a note was damaged by the kill"
  while IFS= read -r temp; do
    echo "$temp" >>"$work/leftovers"  # they stay (younger than a minute): counted once
    # Only atomic_write's own name pattern: what the scan may clean up later.
    [[ $(basename "$temp") =~ ^\..+\.[0-9a-f]{16}\.vaultlink-tmp$ ]] || fail "iteration $i: an unexpected temp file $temp"
  done < <(temp_files "$v")
  "$VAULTLINK" check "$v" >"$work/check" 2>&1 || fail "iteration $i: check failed after the kill: $(tail -n 5 "$work/check")"
  md_files=$(find "$v" -name '*.md' ! -name '.*' ! -path '*/.*/*' | wc -l)
  grep -q " in $md_files notes\$" "$work/check" || fail "iteration $i: check saw other notes than the $md_files: $(tail -n 1 "$work/check")"
  git -C "$v" fsck --no-progress >"$work/fsck" 2>&1 || fail "iteration $i: git fsck: $(cat "$work/fsck")"
  git -C "$v" rev-parse -q --verify HEAD >/dev/null || fail "iteration $i: HEAD is broken"
  ! git -C "$v" ls-files | grep -q 'vaultlink-tmp' || fail "iteration $i: a temp file was committed"
  if [ -n "$(find "$v/.git" -name '*.lock')" ]; then
    # Killed while libgit2 wrote the index or moved the branch (index.lock,
    # refs/heads/main.lock); vaultlink never deletes a lock (it names it in
    # its error), so the user does, as after a killed git.
    stale_locks=$((stale_locks + 1))
    find "$v/.git" -name '*.lock' -delete
  fi
done
commits=$(($(git -C "$v" rev-list --count HEAD) - commits_before))
leftovers=$(sort -u "$work/leftovers" | wc -l)

# The next normal runs recover: sections current, the vault checks, a commit
# takes everything, and the repository is sound.
"$VAULTLINK" backlinks "$v" >"$work/out" 2>&1 || fail "backlinks after the kills failed: $(cat "$work/out")"
"$VAULTLINK" backlinks --check "$v" >"$work/out" 2>&1 || fail "sections stale after a backlinks run: $(cat "$work/out")"
user_text_intact "$v" "$work/expected" || fail "the recovery run damaged a note"
"$VAULTLINK" check "$v" >"$work/out" 2>&1 || fail "check after the kills failed: $(cat "$work/out")"
"$VAULTLINK" commit "$v" >"$work/out" 2>&1 || fail "commit after the kills failed: $(cat "$work/out")"
[ -z "$(git -C "$v" status --porcelain --untracked-files=all -- . ':!*.vaultlink-tmp')" ] ||
  fail "changes left uncommitted: $(git -C "$v" status --porcelain)"
git -C "$v" fsck --strict --no-progress >/dev/null 2>&1 || fail "final git fsck --strict failed"
echo "watch kill: $iterations runs killed within $(((ready_ms + commit_ms) * 3 / 2)) ms, $killed killed mid-run, $commits commits made" \
  "by the killed runs, $leftovers temp files left behind, $stale_locks with a git lock left behind"
