#!/usr/bin/env bash
# The vault-wide commands run again under glibc.malloc.hugetlb=1 (huge_page_heap.cpp):
# seen in the environment of a running `vaultlink watch` and language server,
# a setting of the user's kept, and the command's output unchanged by it.
set -euo pipefail
: "${VAULTLINK:?path of the vaultlink binary}"

work=$(mktemp -d)
watcher= server=
cleanup() {
  [ -n "$watcher" ] && kill -9 "$watcher" 2>/dev/null
  [ -n "$server" ] && kill -9 "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

v=$work/vault
mkdir -p "$v"
printf '# Home\n\n[[Missing]] [[Home#Nowhere]]\n' >"$v/Home.md"

# The tunables a `vaultlink watch` started with GLIBC_TUNABLES=$1 runs under ("-": unset).
tunables_of_watch() {
  : >"$work/events"
  if [ "$1" = - ]; then
    env -u GLIBC_TUNABLES "$VAULTLINK" watch --format json "$v" >"$work/events" 2>"$work/stderr" &
  else
    GLIBC_TUNABLES=$1 "$VAULTLINK" watch --format json "$v" >"$work/events" 2>"$work/stderr" &
  fi
  watcher=$!
  local waited=0
  until grep -q '"event":"ready"' "$work/events"; do
    sleep 0.1
    waited=$((waited + 1))
    [ "$waited" -lt 200 ] || fail "watch never got ready: $(cat "$work/stderr")"
  done
  # The same process (exec keeps the pid), now running the program again.
  [ "$(readlink "/proc/$watcher/exe")" = "$(readlink -f "$VAULTLINK")" ] || fail "pid $watcher is not vaultlink"
  # glibc cuts the variable at each ':' in place as it reads it (a NUL per
  # tunable), so the tunables after the first follow as separate strings.
  tr '\0' '\n' <"/proc/$watcher/environ" |
    awk '/^GLIBC_TUNABLES=/ { value = substr($0, 16); reading = 1; next }
         reading && /^glibc\./ { value = value ":" $0; next }
         { reading = 0 }
         END { print value }'
  kill "$watcher"
  wait "$watcher" 2>/dev/null || true
  watcher=
}

got=$(tunables_of_watch -)
[ "$got" = glibc.malloc.hugetlb=1 ] || fail "watch runs under GLIBC_TUNABLES='$got'"
got=$(tunables_of_watch glibc.malloc.hugetlb=0)
[ "$got" = glibc.malloc.hugetlb=0 ] || fail "the user's hugetlb=0 became '$got'"
got=$(tunables_of_watch glibc.malloc.arena_max=4)
[ "$got" = glibc.malloc.arena_max=4:glibc.malloc.hugetlb=1 ] || fail "the user's tunables became '$got'"

# `vaultlink lsp` hands over to the language server (another exec): the server
# runs under the tunable, and the marker of the run again is not passed on.
mkfifo "$work/lsp.in"
env -u GLIBC_TUNABLES "$VAULTLINK" lsp <"$work/lsp.in" >/dev/null 2>"$work/lsp.err" &
server=$!
exec 3>"$work/lsp.in"  # held open: the server waits for messages instead of seeing the end of its input
waited=0
until [ "$(basename "$(readlink "/proc/$server/exe" 2>/dev/null)")" = vaultlink-lsp ]; do
  sleep 0.1
  waited=$((waited + 1))
  [ "$waited" -lt 200 ] || fail "vaultlink lsp never became the server: $(cat "$work/lsp.err")"
done
server_env=$(tr '\0' '\n' <"/proc/$server/environ")
kill "$server" 2>/dev/null || true
exec 3>&-
wait "$server" 2>/dev/null || true
server=
grep -qx 'GLIBC_TUNABLES=glibc.malloc.hugetlb=1' <<<"$server_env" || fail "the server runs without the tunable"
! grep -q '^VAULTLINK_HUGE_PAGE_HEAP_RUN=' <<<"$server_env" || fail "the run-again marker reached the server"

# Arguments, output and exit status pass through the exec unchanged.
set +e
env -u GLIBC_TUNABLES "$VAULTLINK" check --format json "$v" >"$work/again.json" 2>&1
again=$?
GLIBC_TUNABLES=glibc.malloc.hugetlb=0 "$VAULTLINK" check --format json "$v" >"$work/once.json" 2>&1
once=$?
set -e
[ "$again" = 1 ] && [ "$once" = 1 ] || fail "check exit status $again (run again) / $once (not): want 1"
cmp -s "$work/again.json" "$work/once.json" || fail "check output differs: $(diff "$work/again.json" "$work/once.json")"
grep -q '"code":"broken-heading"' "$work/again.json" || fail "check output lacks its findings: $(cat "$work/again.json")"
echo "cli heap: ok"
