#!/usr/bin/env bash
# Another process appends lines to notes in a tight loop while `vaultlink
# watch` keeps rewriting their backlinks sections (new notes linking to them
# keep arriving, so the sections keep changing): after the run every appended
# line is in its note, once and in order, the user's text around the section
# is exactly what the users wrote, and every section is valid and current.
# Duration: VAULTLINK_FAULT_APPEND_SECONDS (default 6; 3 in the sanitizer build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/fault_support.sh"
seconds=${VAULTLINK_FAULT_APPEND_SECONDS:-$(sanitized && echo 3 || echo 6)}
notes=6

v=$work/vault
make_linked_vault "$v" "$notes"
printf '{ "debounceMs": 20, "gitAutoCommit": false }\n' >"$v/.vaultlink.json"
mkdir "$work/expected" && cp -a "$v/Notes" "$work/expected/"  # the user's text, without sections

watcher=
stop_watcher() { [ -n "$watcher" ] && kill -9 "$watcher" 2>/dev/null; watcher=; }
trap 'stop_watcher; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

"$VAULTLINK" watch --format json "$v" >"$work/events" 2>"$work/stderr" &
watcher=$!
for ((waited = 0; waited < 200; waited++)); do
  grep -q '"event":"ready"' "$work/events" && break
  sleep 0.1
done
grep -q '"event":"ready"' "$work/events" || fail "watch did not start: $(cat "$work/stderr")"

# The appender: open, append one line, close, as fast as it can (what a
# logging script or `echo >>` in a loop does). Every 16th turn it also adds a
# note linking to one of the appended notes, so watch rewrites that note's
# section while the appends go on. Each line also goes to the expected copy.
python3 - "$v" "$notes" "$seconds" "$work/expected" >"$work/appended" <<'EOF'
import os, random, sys, time
vault, notes, seconds, expected = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
os.makedirs(os.path.join(vault, "Linkers"))
deadline = time.monotonic() + seconds
turn = 0
while time.monotonic() < deadline:
    note = f"Note {random.randrange(notes)}.md"
    line = f"appended line {turn} to {note}\n".encode()
    fd = os.open(os.path.join(vault, "Notes", note), os.O_WRONLY | os.O_APPEND)
    os.write(fd, line)
    os.close(fd)
    with open(os.path.join(expected, "Notes", note), "ab") as copy:
        copy.write(line)
    if turn % 16 == 0:
        target = random.randrange(notes)
        with open(os.path.join(vault, "Linkers", f"L{turn}.md"), "w") as linker:
            linker.write(f"Links to [[Note {target}]].\n")
    turn += 1
print(turn)
EOF

# Watch catches up: every section current (the check writes nothing).
for ((waited = 0; waited < 300; waited++)); do
  "$VAULTLINK" backlinks --check "$v" >"$work/stale" 2>&1 && break
  sleep 0.1
done
"$VAULTLINK" backlinks --check "$v" >"$work/stale" 2>&1 || fail "sections still stale 30 s after the appends: $(head "$work/stale")"
kill -TERM "$watcher"
for ((waited = 0; waited < 100; waited++)); do kill -0 "$watcher" 2>/dev/null || break; sleep 0.1; done
kill -0 "$watcher" 2>/dev/null && fail "watch did not stop on SIGTERM"
wait "$watcher" || fail "watch exited with an error: $(tail -n 5 "$work/stderr")"
watcher=
rewrites=$(grep -c '"event":"backlinks"' "$work/events" || true)
[ "$rewrites" -gt "$notes" ] || fail "watch rewrote sections only $rewrites times: the test raced nothing"
! grep -q '"event":"problem"' "$work/events" || fail "watch reported problems: $(grep '"event":"problem"' "$work/events" | head -3)"

# Outside the sections the notes hold exactly the original lines plus every
# appended line, each once and in the order written.
user_text_intact "$v" "$work/expected" || fail "an appended line was lost or the text damaged"
echo "append: $(cat "$work/appended") lines appended, all present; watch rewrote sections $rewrites times meanwhile"
