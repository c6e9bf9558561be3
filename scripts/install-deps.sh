#!/usr/bin/env bash
# Installs what vaultlink needs to build and test, from Debian's packages only.
# Idempotent: packages already present are not reinstalled, and apt-get update
# runs only when something is missing.
# usage: scripts/install-deps.sh [--bench]
#   --bench also installs what only bench/run needs: gnuplot (the plot). Its
#   JS references are installed by bench/run itself, with npm ci.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  build-essential cmake pkg-config git
  libboost-filesystem-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm
  nlohmann-json3-dev
  libgit2-dev libssl-dev  # OpenSSL: SHA-1 of the git index (libgit2's libssh2 is built on it)
  catch2
  libyaml-cpp-dev
  libutf8proc-dev
  ripgrep
  python3 time
  neovim
  clang-14 libclang-rt-14-dev  # libFuzzer and the ThreadSanitizer build
  emacs-nox elpa-eglot
)
# Node.js and npm build and test the Obsidian host (Debian 12: nodejs 18,
# npm 9), and run bench/run's JS references.  Asked for by command, not by
# package: a NodeSource nodejs already carries npm and conflicts with Debian's
# npm package.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
if [ "${1:-}" = --bench ]; then
  packages+=(gnuplot-nox)
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Obsidian host's npm packages (Node-API headers, node-addon-api), pinned
# by its package-lock.json, into plugin/obsidian/node_modules where the build
# finds them; again only when the lock file changed since the last install.
obsidian=$here/plugin/obsidian
if [ ! -f "$obsidian/node_modules/.package-lock.json" ] ||
   [ "$obsidian/package-lock.json" -nt "$obsidian/node_modules/.package-lock.json" ]; then
  echo "install-deps: npm ci in plugin/obsidian" >&2
  (cd "$obsidian" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
