#!/usr/bin/env bash
# kill -9 of `vaultlink backlinks` and `vaultlink commit` at random moments,
# many times over: every note is always either its old or its new version
# (never truncated or half-written), a leftover temp file is never taken for
# a note nor committed, the repository passes `git fsck`, and the next run
# finishes the job. Iterations: VAULTLINK_FAULT_ITERATIONS (default 60 each,
# 15 in the sanitizer build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/fault_support.sh"
iterations=${VAULTLINK_FAULT_ITERATIONS:-$(sanitized && echo 15 || echo 60)}
notes=12

# ---- the two valid states of every note -------------------------------------
make_linked_vault "$work/before" "$notes"
cp -a "$work/before" "$work/after"
"$VAULTLINK" backlinks "$work/after" >/dev/null
cmp -s "$work/before/Notes/Note 0.md" "$work/after/Notes/Note 0.md" && fail "the backlinks run changed nothing"
duration=$(elapsed_ms "$VAULTLINK" backlinks "$(cp -a "$work/before" "$work/timing" && echo "$work/timing")")

# ---- backlinks --------------------------------------------------------------
v=$work/vault
killed=0 leftovers=0
for ((i = 0; i < iterations; i++)); do
  rm -rf "$v" && cp -a "$work/before" "$v"
  "$VAULTLINK" backlinks "$v" >/dev/null 2>&1 &
  pid=$!
  random_sleep_ms "$duration"
  kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
  wait "$pid" 2>/dev/null || true

  for ((n = 0; n < notes; n++)); do
    note="Notes/Note $n.md"
    cmp -s "$v/$note" "$work/before/$note" || cmp -s "$v/$note" "$work/after/$note" ||
      fail "iteration $i: '$note' is neither its old nor its new version"
  done
  left=$(temp_files "$v" | wc -l)
  leftovers=$((leftovers + left))
  if ((left > 0)); then
    # A leftover temp file is not a note: the summary still counts $notes notes.
    "$VAULTLINK" check "$v" >"$work/out" 2>&1 || true
    grep -q " in $notes notes\$" "$work/out" || fail "iteration $i: check saw other notes: $(tail -1 "$work/out")"
  fi
  # The next run recovers: afterwards every note is in its new state.
  "$VAULTLINK" backlinks "$v" >/dev/null || fail "iteration $i: the run after the kill failed"
  diff -r -x '.*.vaultlink-tmp' -x .vaultlink "$v" "$work/after" >/dev/null || fail "iteration $i: the next run did not recover"
done
echo "backlinks: $iterations runs, $killed killed mid-run, $leftovers temp files left behind"

# ---- commit -----------------------------------------------------------------
g=$work/repo
cp -a "$work/after" "$g"
git init -q -b main "$g"
git -C "$g" config user.name tester && git -C "$g" config user.email tester@localhost
"$VAULTLINK" commit "$g" >/dev/null
commit_duration=$(elapsed_ms "$VAULTLINK" commit "$g")
killed=0 stale_locks=0
for ((i = 0; i < iterations; i++)); do
  # Something to commit: a few notes change, one is added, one removed.
  for n in $((i % notes)) $(((i + 7) % notes)); do printf 'edit %d\n' "$i" >>"$g/Notes/Note $n.md"; done
  printf 'new %d\n' "$i" >"$g/Notes/New $i.md"
  rm -f "$g/Notes/New $((i - 1)).md"
  printf 'stale temp\n' >"$g/Notes/.Note 1.md.$i.vaultlink-tmp"  # as a killed write leaves it
  "$VAULTLINK" commit "$g" >/dev/null 2>&1 &
  pid=$!
  random_sleep_ms $((commit_duration * 3 / 2 + 5))
  kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
  wait "$pid" 2>/dev/null || true

  git -C "$g" fsck --no-progress >"$work/fsck" 2>&1 || fail "iteration $i: git fsck: $(cat "$work/fsck")"
  git -C "$g" rev-parse -q --verify HEAD >/dev/null || fail "iteration $i: HEAD is broken"
  locks=$(cd "$g/.git" && find . -name '*.lock' -printf '%f\n')
  if [ -n "$locks" ]; then
    # libgit2 was killed while writing the index or moving the branch
    # (index.lock, refs/heads/main.lock); git leaves the same locks behind.
    # vaultlink never deletes a lock: the next commit must fail and name it.
    stale_locks=$((stale_locks + 1))
    ! "$VAULTLINK" commit "$g" >"$work/out" 2>&1 || fail "iteration $i: commit ignored a held lock ($locks)"
    named=0
    while read -r lock; do grep -qF "$lock" "$work/out" && named=1; done <<<"$locks"
    [ "$named" = 1 ] || fail "iteration $i: the error does not name $locks: $(cat "$work/out")"
    find "$g/.git" -name '*.lock' -delete  # what the user does after reading the error
  fi
  "$VAULTLINK" commit "$g" >"$work/out" 2>&1 || fail "iteration $i: the commit after the kill failed: $(cat "$work/out")"
  [ -z "$(git -C "$g" status --porcelain --untracked-files=all -- . ':!*.vaultlink-tmp')" ] ||
    fail "iteration $i: changes left uncommitted: $(git -C "$g" status --porcelain)"
  ! git -C "$g" ls-files | grep -q 'vaultlink-tmp' || fail "iteration $i: a temp file was committed"
done
git -C "$g" fsck --strict --no-progress >/dev/null 2>&1 || fail "final git fsck --strict failed"
echo "commit: $iterations runs, $killed killed mid-run, $stale_locks with a lock left behind"
