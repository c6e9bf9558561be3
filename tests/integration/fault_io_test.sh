#!/usr/bin/env bash
# Faults around a write, with the real CLI on real files: the disk full
# (a file size limit) while a note is rewritten, notes deleted while
# `backlinks` runs, folders renamed while `check` scans, and a git
# index.lock held by another process.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/fault_support.sh"

# ---- disk full: RLIMIT_FSIZE stops the temp file half-way -------------------------
v=$work/full
make_linked_vault "$v" 3
cp -a "$v" "$work/full-before"
big=$(stat -c %s "$v/Notes/Note 0.md")
limit_kb=$((big / 1024))  # smaller than every rewritten note: each write hits the limit
status=0
(ulimit -f "$limit_kb"; exec "$VAULTLINK" backlinks "$v") >"$work/out" 2>&1 || status=$?
[ "$status" = 1 ] || fail "a write past the file size limit should exit 1, got $status: $(cat "$work/out")"
grep -q "Note 0.md.*File too large; the note was left unchanged" "$work/out" ||
  fail "no clear error for the full disk: $(cat "$work/out")"
diff -r "$v" "$work/full-before" >/dev/null || fail "a note changed although its write failed"
[ -z "$(temp_files "$v")" ] || fail "a failed write left its temp file: $(temp_files "$v")"
"$VAULTLINK" backlinks "$v" >/dev/null || fail "with space again the run did not succeed"

# With SIGXFSZ at its default (a shell that does not ignore it), the process
# dies mid-write; the note is still whole.
v=$work/full-default
cp -a "$work/full-before" "$v"
(ulimit -f "$limit_kb"; trap - XFSZ; exec "$VAULTLINK" check "$v") >/dev/null 2>&1 || true
diff -r -x .vaultlink "$v" "$work/full-before" >/dev/null || fail "check changed a note"

# ---- notes deleted while backlinks writes: never recreated ----------------------
make_linked_vault "$work/del-before" 24
cp -a "$work/del-before" "$work/del-after"
"$VAULTLINK" backlinks "$work/del-after" >/dev/null
duration=$(elapsed_ms "$VAULTLINK" backlinks "$(cp -a "$work/del-before" "$work/del-timing" && echo "$work/del-timing")")
v=$work/del
for ((i = 0; i < 12; i++)); do
  rm -rf "$v" && cp -a "$work/del-before" "$v"
  "$VAULTLINK" backlinks "$v" >"$work/out" 2>&1 &
  pid=$!
  random_sleep_ms "$duration"
  for ((n = i % 2; n < 24; n += 2)); do rm -f "$v/Notes/Note $n.md"; done
  status=0
  wait "$pid" || status=$?
  [ "$status" -le 1 ] || fail "iteration $i: backlinks exited $status: $(cat "$work/out")"
  for ((n = 0; n < 24; n++)); do
    note="Notes/Note $n.md"
    if (((n - i) % 2 == 0)); then
      [ ! -e "$v/$note" ] || fail "iteration $i: the deleted '$note' was written again"
    else
      whole_version "$v/$note" "$work/del-before/$note" "$work/del-after/$note" ||
        fail "iteration $i: '$note' is neither its old nor a new version"
    fi
  done
  [ -z "$(temp_files "$v")" ] || fail "iteration $i: temp files left: $(temp_files "$v")"
done

# ---- folders renamed while check scans: reported or not, never a crash ----------
v=$work/moving
mkdir -p "$v"
for ((f = 0; f < 20; f++)); do make_linked_vault "$v/Folder $f" 5; done
for ((i = 0; i < 5; i++)); do
  "$VAULTLINK" check "$v" >"$work/out" 2>&1 &
  pid=$!
  for ((f = 0; f < 20; f++)); do mv "$v/Folder $f" "$v/Moved $f"; mv "$v/Moved $f" "$v/Folder $f"; done
  status=0
  wait "$pid" || status=$?
  [ "$status" -le 2 ] || fail "check died while folders moved (status $status): $(tail -5 "$work/out")"
done

# ---- index.lock held by another process ---------------------------------------
g=$work/repo
make_linked_vault "$g" 2
git init -q -b main "$g"
git -C "$g" config user.name tester && git -C "$g" config user.email tester@localhost
echo change >>"$g/Notes/Note 0.md"
# Released after a second: the commit waits for it and succeeds.
(touch "$g/.git/index.lock"; sleep 1; rm "$g/.git/index.lock") &
holder=$!
sleep 0.2
"$VAULTLINK" commit "$g" >"$work/out" 2>&1 || fail "commit did not wait for a lock released after 1 s: $(cat "$work/out")"
wait "$holder"
[ -z "$(git -C "$g" status --porcelain)" ] || fail "the change was not committed"
# Never released: the commit gives up within its bound, names the lock, leaves it.
echo change >>"$g/Notes/Note 1.md"
touch "$g/.git/index.lock"
start=$(date +%s)
! "$VAULTLINK" commit "$g" >"$work/out" 2>&1 || fail "commit succeeded under a held index.lock"
(($(date +%s) - start <= 10)) || fail "commit waited more than 10 s for the lock"
grep -qF ".git/index.lock" "$work/out" || fail "the error does not name the lock: $(cat "$work/out")"
[ -e "$g/.git/index.lock" ] || fail "the lock of another process was deleted"
echo "fault_io: disk full, 12 deletion races, 5 rename races, index.lock"
