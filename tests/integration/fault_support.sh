# Shared by the fault-injection tests (fault_*_test.sh): a scratch folder
# removed on exit, hermetic git, and a vault whose notes link to each other.
# Sourced, not run.
: "${VAULTLINK:?VAULTLINK must name the CLI binary}"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
mkdir -p "$XDG_CONFIG_HOME"

fail() { echo "FAIL: $*" >&2; exit 1; }

# The sanitizer build runs every integration test again, several times slower:
# there the fault loops run fewer times (the release build does the full count).
sanitized() { [ "${VAULTLINK_SANITIZED:-0}" = 1 ]; }

# make_linked_vault DIR COUNT: COUNT notes of a few KB, each linking to the
# next two, so every note gets a backlinks section (one write per note).
make_linked_vault() {
  local dir=$1 count=$2 i
  mkdir -p "$dir/Notes"
  for ((i = 0; i < count; i++)); do
    {
      printf '# Note %d\n\n## Links\nSee [[Note %d]] and [[Note %d#Links]].\n\n' "$i" $(((i + 1) % count)) $(((i + 2) % count))
      for ((line = 0; line < 60; line++)); do printf 'Line %d of note %d, with text that makes the file a few kilobytes long.\n' "$line" "$i"; done
    } >"$dir/Notes/Note $i.md"
  done
}

# whole_version NOTE BEFORE AFTER: NOTE is BEFORE, AFTER, or BEFORE plus a
# complete backlinks section (notes linking to it may have been deleted
# before the run read the vault); anything else is a damaged note.
whole_version() {
  cmp -s "$1" "$2" && return 0
  cmp -s "$1" "$3" && return 0
  local size
  size=$(stat -c %s "$2")
  cmp -s -n "$size" "$1" "$2" && [ "$(tail -n 1 "$1")" = '<!-- /vaultlink:backlinks -->' ]
}

# Milliseconds a command takes (at least 1).
elapsed_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(((end - start) / 1000000 + 1))
}

# Sleeps a random time in [0, MAX_MS] milliseconds.
random_sleep_ms() {
  local ms=$((RANDOM % ($1 + 1)))
  sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
}

# The temp files an interrupted atomic write can leave (core/src/fs.cpp).
temp_files() { find "$1" -name '.*.vaultlink-tmp' -type f; }

# user_text_intact VAULT EXPECTED: every note under EXPECTED (the user's own
# text, no generated section) is in VAULT with exactly the same lines outside
# its backlinks section (blank lines aside: the section brings its own
# spacing), in the same order, and the section, if any, is whole: one start
# marker followed by one end marker. Prints what differs and fails otherwise.
user_text_intact() {
  python3 - "$1" "$2" <<'PY'
import pathlib, sys
vault, expected = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
START, END = "<!-- vaultlink:backlinks -->", "<!-- /vaultlink:backlinks -->"
for want in sorted(expected.rglob("*.md")):
    name = str(want.relative_to(expected))
    path = vault / name
    if not path.exists():
        sys.exit(f"{name} is missing")
    text = path.read_bytes().decode("utf-8", "replace")
    starts, ends = text.count(START), text.count(END)
    if (starts, ends) not in ((0, 0), (1, 1)) or (starts and text.index(START) > text.index(END)):
        sys.exit(f"{name}: a broken section ({starts} start and {ends} end markers)")
    if starts:
        before, rest = text.split(START)
        text = before + rest.split(END)[1]
    have = [line for line in text.split("\n") if line]
    lines = [line for line in want.read_text(encoding="utf-8").split("\n") if line]
    if have != lines:
        missing = [line for line in lines if line not in have]
        extra = [line for line in have if line not in lines]
        first = next(i for i, (a, b) in enumerate(zip(have + [None], lines + [None])) if a != b)
        sys.exit(f"{name}: the user's text changed ({len(have)} lines, {len(lines)} expected); "
                 f"missing {missing[:3]}, unexpected {extra[:3]}; from line {first + 1} it has "
                 f"{have[first:first + 3]} where {lines[first:first + 3]} was written"
                 + (f" (that line is at {have.index(lines[first]) + 1})" if first < len(lines) and lines[first] in have else ""))
PY
}
