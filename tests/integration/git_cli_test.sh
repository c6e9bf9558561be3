#!/usr/bin/env bash
# Drives the real `vaultlink` binary through commit, sync, log and restore on
# real repositories (a bare remote and two clones), checking each step with
# the git CLI. Hermetic: HOME points into the temp folder and the system git
# config is off, so neither a developer's ~/.gitconfig nor CI's lack of one
# changes the outcome.
set -euo pipefail

: "${VAULTLINK:?VAULTLINK must name the CLI binary}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
mkdir -p "$XDG_CONFIG_HOME"

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_status() {  # expect_status CODE command...
  local want=$1; shift
  local got=0
  "$@" >"$work/out" 2>"$work/err" || got=$?
  [ "$got" -eq "$want" ] || { cat "$work/out" "$work/err" >&2; fail "'$*' exited $got, expected $want"; }
}
contains() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks '$2'"; }; }

git init -q --bare -b main "$work/remote.git"
laptop="$work/laptop" phone="$work/phone"
git init -q -b main "$laptop"
git -C "$laptop" remote add origin "$work/remote.git"
mkdir -p "$laptop/.obsidian" "$laptop/Daily"
printf '# Home\n\n[[Daily/Today]]\nline two\n' >"$laptop/Home.md"
printf 'today\n' >"$laptop/Daily/Today.md"
printf '{"open":"Home.md"}\n' >"$laptop/.obsidian/workspace.json"

# No identity anywhere: the manifest's fallback author is used.
expect_status 0 "$VAULTLINK" commit -m 'first: {{numFiles}} files' "$laptop"
contains "$work/out" "committed"
[ "$(git -C "$laptop" log -1 --format='%an <%ae>|%s')" = "vaultlink <vaultlink@localhost>|first: 2 files" ] ||
  fail "unexpected author or subject: $(git -C "$laptop" log -1 --format='%an <%ae>|%s')"
[ "$(git -C "$laptop" ls-files)" = $'Daily/Today.md\nHome.md' ] || fail "workspace.json was committed"
git -C "$laptop" fsck --strict >/dev/null 2>&1 || fail "git fsck failed"

# Nothing changed: exit 0 and says so, no new commit.
expect_status 0 "$VAULTLINK" commit "$laptop"
contains "$work/out" "nothing to commit"
[ "$(git -C "$laptop" rev-list --count HEAD)" = 1 ] || fail "an empty commit was made"

# Identity from git config, the vault from the current folder.
git config --global user.name "Global Person"
git config --global user.email global@example.org
printf 'today, edited\n' >"$laptop/Daily/Today.md"
(cd "$laptop" && expect_status 0 "$VAULTLINK" commit)
[ "$(git -C "$laptop" log -1 --format='%an')" = "Global Person" ] || fail "git config identity not used"

expect_status 0 "$VAULTLINK" sync "$laptop"
contains "$work/out" "pushed"
[ "$(git -C "$work/remote.git" rev-parse main)" = "$(git -C "$laptop" rev-parse HEAD)" ] || fail "push missing"

git clone -q "file://$work/remote.git" "$phone"

# Same line edited on both machines: exit 1, markers, conflict note, nothing pushed.
printf '# Home\n\n[[Daily/Today]]\nline two from the laptop\n' >"$laptop/Home.md"
printf '# Home\n\n[[Daily/Today]]\nline two from the phone\n' >"$phone/Home.md"
expect_status 0 "$VAULTLINK" sync "$laptop"
expect_status 1 "$VAULTLINK" sync "$phone"
contains "$work/err" "Home.md"
contains "$phone/Home.md" "<<<<<<<"
contains "$phone/Home.md" "line two from the laptop"
contains "$phone/Home.md" "line two from the phone"
contains "$phone/vaultlink-conflicts.md" "[[Home]]"
expect_status 1 "$VAULTLINK" commit "$phone"
contains "$work/err" "conflict markers"

# Resolved in the editor: commit finishes the merge, sync shares it.
printf '# Home\n\n[[Daily/Today]]\nline two from both\n' >"$phone/Home.md"
expect_status 0 "$VAULTLINK" commit "$phone"
[ ! -e "$phone/vaultlink-conflicts.md" ] || fail "conflict note left behind"
[ "$(git -C "$phone" log -1 --format=%P | wc -w)" = 2 ] || fail "the merge commit lacks two parents"
expect_status 0 "$VAULTLINK" sync "$phone"
expect_status 0 "$VAULTLINK" sync "$laptop"
contains "$work/out" "fast-forwarded"
contains "$laptop/Home.md" "line two from both"
# Only the editor's state file is left out, on purpose.
[ "$(git -C "$laptop" status --porcelain)" = "?? .obsidian/" ] || { git -C "$laptop" status --porcelain >&2; fail "laptop not clean after sync"; }

# History follows a rename; restore brings an old version back, uncommitted.
git -C "$laptop" mv Daily/Today.md Daily/Yesterday.md 2>/dev/null || mv "$laptop/Daily/Today.md" "$laptop/Daily/Yesterday.md"
expect_status 0 "$VAULTLINK" commit "$laptop"
expect_status 0 "$VAULTLINK" log --vault "$laptop" Daily/Yesterday.md
[ "$(wc -l <"$work/out")" -ge 3 ] || { cat "$work/out" >&2; fail "history too short"; }
contains "$work/out" "(as Daily/Today.md)"
first=$(git -C "$laptop" rev-list --max-parents=0 HEAD)
expect_status 0 "$VAULTLINK" restore --vault "$laptop" Daily/Yesterday.md --at "$first"
[ "$(cat "$laptop/Daily/Yesterday.md")" = "today" ] || fail "restore wrote the wrong content"
[ "$(git -C "$laptop" status --porcelain -uno)" = " M Daily/Yesterday.md" ] || fail "restore committed or touched more"

# Errors: exit 2 with a message.
mkdir "$work/plain"
expect_status 2 "$VAULTLINK" commit "$work/plain"
contains "$work/err" "no git repository"
expect_status 2 "$VAULTLINK" restore --vault "$laptop" Home.md --at no-such-revision
contains "$work/err" "unknown revision"
expect_status 2 "$VAULTLINK" commit --bogus
touch "$laptop/.git/index.lock"
printf 'more\n' >>"$laptop/Home.md"
expect_status 2 "$VAULTLINK" commit "$laptop"
contains "$work/err" "index.lock"
[ -e "$laptop/.git/index.lock" ] || fail "the lock was deleted"
expect_status 0 "$VAULTLINK" commit --help
contains "$work/out" "nothing to commit (not an error"

echo "git CLI: all checks passed"
