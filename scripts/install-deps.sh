#!/usr/bin/env bash
# Installs what vaultlink needs to build and test, from Debian's packages only.
# Idempotent: packages already present are not reinstalled, and apt-get update
# runs only when something is missing.
# usage: scripts/install-deps.sh [--bench]
#   --bench also installs what only bench/run needs: gnuplot (the plot) and
#   Node.js with npm (the JS references, installed by bench/run with npm ci).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libboost-filesystem-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm
  nlohmann-json3-dev
  libgit2-dev
  catch2
  libyaml-cpp-dev
  libutf8proc-dev
  ripgrep
  python3 time
  neovim
)
if [ "${1:-}" = --bench ]; then
  packages+=(gnuplot-nox nodejs)
  # Debian's nodejs ships without npm; NodeSource's nodejs includes it.
  command -v npm >/dev/null || packages+=(npm)
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
