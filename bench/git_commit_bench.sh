#!/usr/bin/env bash
# Commit of one changed note in a 10,000-note vault (already committed once):
# `vaultlink commit` side by side with `git add -A && git commit` on two
# identical copies, in the same run. Prints the median of ROUNDS rounds.
# usage: bench/git_commit_bench.sh path/to/vaultlink [NOTES] [ROUNDS]
set -euo pipefail
vaultlink=${1:?path to the vaultlink binary}
notes=${2:-10000}
rounds=${3:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name Bench && git config --global user.email bench@example.org
# No background gc racing the copy or the timings.
git config --global gc.auto 0 && git config --global maintenance.auto false

make_vault() {  # 100 folders, notes of ~1 KB with links
  local dir=$1
  mkdir -p "$dir"
  python3 - "$dir" "$notes" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    folder = os.path.join(root, f"area {i % 100:02d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"note {i:05d}.md"), "w") as f:
        f.write(f"# Note {i}\n\nSee [[note {(i * 7919) % n:05d}]] and [[note {(i + 1) % n:05d}#Heading]].\n")
        f.write(("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 16) + "\n")
PY
  git -C "$dir" init -q -b main
  git -C "$dir" add -A && git -C "$dir" commit -qm initial
}
make_vault "$work/a"
cp -a "$work/a" "$work/b"

now_ms() { date +%s%N | cut -b1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: >"$work/vl" ; : >"$work/vlc" ; : >"$work/git"
for round in $(seq "$rounds"); do
  echo "edit $round" >>"$work/a/area 42/note 04242.md"
  echo "edit $round" >>"$work/b/area 42/note 04242.md"
  t0=$(now_ms); "$vaultlink" commit "$work/a" >/dev/null; t1=$(now_ms)
  (cd "$work/b" && git add -A && git commit -qm "edit $round"); t2=$(now_ms)
  echo "hinted $round" >>"$work/a/area 07/note 00707.md"
  t3=$(now_ms); "$vaultlink" commit --changed "$work/a/area 07/note 00707.md" "$work/a" >/dev/null; t4=$(now_ms)
  echo $((t1 - t0)) >>"$work/vl"; echo $((t2 - t1)) >>"$work/git"; echo $((t4 - t3)) >>"$work/vlc"
done
[ "$(git -C "$work/a" rev-list --count HEAD)" = $((2 * rounds + 1)) ] || { echo "vaultlink did not commit every round" >&2; exit 1; }
echo "notes=$notes rounds=$rounds median ms: vaultlink commit (scan) $(median <"$work/vl")," \
     "vaultlink commit --changed $(median <"$work/vlc"), git add -A && git commit $(median <"$work/git")"
