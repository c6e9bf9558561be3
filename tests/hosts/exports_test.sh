#!/usr/bin/env bash
# The library exports the C ABI and nothing else: every defined dynamic symbol
# starts with vl_, and it is exactly the set of functions vaultlink.h declares.
# usage: exports_test.sh LIBRARY HEADER
set -euo pipefail
library=$1 header=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nm -D --defined-only "$library" | awk '{print $NF}' | sed 's/@.*//' | sort -u >"$tmp/exported"
if grep -v '^vl_' "$tmp/exported" >"$tmp/foreign"; then
  echo "symbols exported that are not part of the C ABI:" >&2
  cat "$tmp/foreign" >&2
  exit 1
fi

# Function names declared with VL_EXPORT in the header.
grep -oE '^VL_EXPORT [^(]*\(' "$header" | sed -E 's/.*[ *](vl_[a-z0-9_]+)\($/\1/' | sort -u >"$tmp/declared"
if ! diff -u "$tmp/declared" "$tmp/exported"; then
  echo "the exported functions differ from vaultlink.h's declarations (- header, + library)" >&2
  exit 1
fi
echo "exports ok: $(wc -l <"$tmp/exported") vl_ functions, nothing else"
