#!/usr/bin/env bash
# `vaultlink check` with its index cache on a generated vault: a warm run
# reports byte for byte what a cold run does, a changed note is seen, the
# cache stays private, --no-cache leaves no trace, and a vault that cannot be
# written is still checked.
set -euo pipefail
vaultlink=${VAULTLINK:?VAULTLINK must name the vaultlink binary}
gen=${VAULTLINK_GEN_VAULT:?VAULTLINK_GEN_VAULT must name the vaultlink-gen-vault binary}
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
check() { "$vaultlink" check --format json --fail-on never "$@"; }
# The cache keeps only notes older than the run's start on the filesystem's
# clock, which moves in ticks of a few milliseconds: let one pass.
settle() { sleep 0.05; }

vault="$work/vault"
"$gen" --notes 300 --seed 3 "$vault" 2>/dev/null
settle

check --no-cache "$vault" > "$work/cold.json"
[ ! -e "$vault/.vaultlink" ] || fail "--no-cache wrote a cache"
check "$vault" > "$work/first.json"
[ -f "$vault/.vaultlink/index.cache" ] || fail "no cache written"
[ "$(stat -c %a "$vault/.vaultlink")" = 700 ] || fail "state folder is not 0700"
[ "$(stat -c %a "$vault/.vaultlink/index.cache")" = 600 ] || fail "cache file is not 0600"
check "$vault" > "$work/warm.json"
cmp "$work/cold.json" "$work/first.json" || fail "first cached run differs from the cold run"
cmp "$work/cold.json" "$work/warm.json" || fail "warm run differs from the cold run"
"$vaultlink" check --fail-on never "$vault" > "$work/warm.txt"
"$vaultlink" check --fail-on never --no-cache "$vault" > "$work/cold.txt"
cmp "$work/cold.txt" "$work/warm.txt" || fail "warm text report differs"

# An edit is seen on the next warm run: a link to a missing note.
note=$(find "$vault" -name '*.md' -not -path '*/.*' | sort | sed -n 1p)  # sed reads all: no SIGPIPE under pipefail
printf '\n[[No such note anywhere]]\n' >> "$note"
check "$vault" > "$work/edited.json"
check --no-cache "$vault" > "$work/edited-cold.json"
cmp "$work/edited.json" "$work/edited-cold.json" || fail "warm run after an edit differs from a cold run"
grep -q "No such note anywhere" "$work/edited.json" || fail "the edit was not seen"

# A damaged cache is ignored.
head -c 1000 "$vault/.vaultlink/index.cache" > "$work/short" && cp "$work/short" "$vault/.vaultlink/index.cache"
check "$vault" > "$work/damaged.json"
cmp "$work/edited-cold.json" "$work/damaged.json" || fail "a damaged cache changed the report"

# A read-only vault: checked, nothing written. Root writes anywhere, so as
# root the check runs as nobody when setpriv can do that.
ro="$work/readonly"
cp -a "$work/vault" "$ro"
rm -rf "$ro/.vaultlink"
chmod -R a+rX,a-w "$ro"
chmod a+x "$work"
run_ro=()
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null &&
     setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$vaultlink"; then
    run_ro=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  else
    echo "SKIP read-only part: root, and cannot run as nobody" >&2
    exit 0
  fi
fi
"${run_ro[@]}" "$vaultlink" check --format json --fail-on never "$ro" > "$work/ro.json" \
  || fail "check failed on a read-only vault"
[ ! -e "$ro/.vaultlink" ] || fail "a cache was written into a read-only vault"
cmp "$work/edited-cold.json" "$work/ro.json" || fail "read-only vault report differs"
echo "ok"
