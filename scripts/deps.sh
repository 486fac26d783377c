#!/usr/bin/env bash
# Installs what building and testing Quiver needs. Idempotent: installs only what is missing.
#   scripts/deps.sh          native toolchain + libraries
#   scripts/deps.sh --all    also emscripten/binaryen (WASM) and the npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(build-essential cmake ninja-build pkg-config libfmt-dev nlohmann-json3-dev libfast-float-dev
      libgtest-dev libedit-dev libboost-dev libssl-dev libmimalloc-dev tzdata)
if [[ "${1:-}" == "--all" ]]; then
  pkgs+=(emscripten binaryen chromium)
  command -v node >/dev/null || pkgs+=(nodejs)
  command -v npm >/dev/null || pkgs+=(npm)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [[ "${1:-}" == "--all" && -f package-lock.json ]]; then
  # npm ci only when the lockfile changed since the last install.
  stamp=node_modules/.quiver-lock-stamp
  if [[ ! -f $stamp ]] || ! cmp -s package-lock.json "$stamp"; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
fi
