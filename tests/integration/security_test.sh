#!/usr/bin/env bash
# Links, symlinks and settings can never make vaultlink read or write outside
# the vault; its temp files are never world-writable; hostile note shapes
# (a million links, 100,000 headings, a 10 MB line) take linear time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/fault_support.sh"

outside=$work/outside
v=$work/vault
mkdir -p "$outside/folder" "$v/Notes"
printf 'sentinel: not part of any vault\n' >"$outside/secret.md"
printf 'sentinel in a folder\n' >"$outside/folder/inner.md"
sentinel_state() { (cd "$outside" && find . -printf '%p %s %T@ %m\n' | sort && find . -type f -exec sha256sum {} + | sort); }
before=$(sentinel_state)

cat >"$v/Notes/Escape.md" <<NOTE
# Escape attempts
[[../../outside/secret]] [[../outside/secret.md]] [[$outside/secret]] [[/etc/passwd]]
![[../../outside/secret.md]] [a](../../outside/secret.md) [b](../../../etc/hosts) [c]($outside/secret.md)
[d](/etc/hosts) [e](file://$outside/secret.md) [[secret]] [[inner]] [[Linked folder/inner]]
NOTE
printf 'Links to [[Escape]] and [[Inside]].\n' >"$v/Notes/Inside.md"
ln -s "$outside/secret.md" "$v/Notes/secret.md"       # a note symlink pointing out
ln -s "$outside/folder" "$v/Linked folder"            # a folder symlink pointing out
cat >"$v/.vaultlink.json" <<'JSON'
{ "excludedFolders": ["..", "../outside", "/", "Notes/../.."],
  "backlinksHeading": "## Backlinks\n<!-- /vaultlink:backlinks -->\n```",
  "gitIgnoredPaths": ["../outside/secret.md"] }
JSON

# check: every escaping link is broken (nothing outside is reported as existing).
"$VAULTLINK" check --format json "$v" >"$work/check.json" 2>"$work/err" || true
python3 - "$work/check.json" <<'PY' || fail "check resolved a link outside the vault: $(cat "$work/check.json")"
import json, sys
found = json.load(open(sys.argv[1]))["diagnostics"]
escape = [d for d in found if d["path"] == "Notes/Escape.md" and d["line"] > 1]
broken = [d for d in escape if d["code"] in ("broken-link", "malformed-link")]
# 12 escaping links on lines 2-4, all broken, none resolved (the file:// one
# has a URI scheme: an external link, never opened).
sys.exit(0 if len(broken) == 12 else 1)
PY
grep -q '"code":"unreadable-file".*"path":"Notes/secret.md"' "$work/check.json" ||
  fail "the symlink pointing out is not reported: $(cat "$work/check.json")"
! grep -q 'inner.md' "$work/check.json" || fail "a note behind the folder symlink was read"

# backlinks twice (the crafted heading must neither write outside nor break the markers).
"$VAULTLINK" backlinks "$v" >"$work/out" 2>&1 || true
"$VAULTLINK" backlinks "$v" >"$work/out2" 2>&1 || true
! grep -q '^updated' "$work/out2" || fail "the second backlinks run changed notes again: $(cat "$work/out2")"
[ "$(sentinel_state)" = "$before" ] || fail "a file outside the vault changed"

# commit: the settings cannot make it stage anything outside the vault.
git init -q -b main "$v"
"$VAULTLINK" commit "$v" >"$work/out" 2>&1 || fail "commit failed: $(cat "$work/out")"
! git -C "$v" ls-files | grep -q -e 'outside' -e 'inner.md' || fail "a file outside the vault was committed"
[ "$(sentinel_state)" = "$before" ] || fail "a file outside the vault changed"

# ---- temp files: never world-writable, even under umask 000 ----------------------
make_linked_vault "$work/perm" 24
leftover=0
for ((i = 0; i < 15; i++)); do
  (umask 000; exec "$VAULTLINK" backlinks "$work/perm") >/dev/null 2>&1 &
  pid=$!
  random_sleep_ms 60
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  leftover=$((leftover + $(temp_files "$work/perm" | wc -l)))
  [ -z "$(find "$work/perm" -name '.*.vaultlink-tmp' -perm -o+w)" ] || fail "a world-writable temp file"
  [ -z "$(find "$work/perm/Notes" -type f -perm -o+w)" ] || fail "a rewritten note became world-writable"
done
echo "temp files seen while checking permissions: $leftover"

# ---- linear time: 4x the input may take at most 8x the CPU time --------------------
# CPU time (user+sys) counts less of the shared machine's load than wall time;
# a quadratic pass would take about 16x.
cpu_ms() {
  local t
  t=$( { TIMEFORMAT='%3U %3S'; time "$VAULTLINK" check "$1" >/dev/null 2>&1; } 2>&1 | awk '{ printf "%d", ($1 + $2) * 1000 }')
  echo $((t + 30))  # + a floor, so tiny runs cannot make a ratio from noise
}
scaled_vault() {  # scaled_vault DIR PYTHON_EXPRESSION_OF_n N
  mkdir -p "$1"
  python3 -c "import sys; n = int(sys.argv[1]); sys.stdout.write($2)" "$3" >"$1/Big.md"
  printf '# Target\n' >"$1/T.md"
}
check_linear() {  # check_linear NAME EXPRESSION N
  scaled_vault "$work/$1-n" "$2" "$3"
  scaled_vault "$work/$1-4n" "$2" $(($3 * 4))
  local small large
  small=$(cpu_ms "$work/$1-n")
  large=$(cpu_ms "$work/$1-4n")
  echo "linear time, $1: ${small} ms for n=$3, ${large} ms for 4n"
  ((large < small * 8)) || fail "$1: 4x the input took $((large / small))x the time (quadratic?)"
  rm -rf "$work/$1-n" "$work/$1-4n"
}
scale=$(sanitized && echo 10 || echo 1)  # ASan: smaller notes, the same ratio
check_linear links "'[[T]] [[T#Target]] ' * (n // 2)" $((250000 / scale))  # 1,000,000 links at 4n
check_linear headings "''.join('#' * (1 + i % 6) + f' Heading {i}\\n' for i in range(n))" $((25000 / scale))  # 100,000 at 4n
check_linear long-line "('lorem ipsum ' * 80 + '[[T]] ') * (n // 966) + '\\n'" $((2621440 / scale))  # a 10 MB line at 4n
[ "$(sentinel_state)" = "$before" ] || fail "a file outside the vault changed"
