#!/usr/bin/env bash
# Builds Quiver. Usage: scripts/build.sh [native] [asan] [wasm]   (default: native)
#   native -> build/native   (Release; the `quiver` CLI is build/native/quiver)
#   asan   -> build/asan     (ASan + UBSan; used by the test command for the C++ unit tests)
#   wasm   -> build/wasm     (emscripten + wasm-opt; quiver.js + quiver.wasm copied to js/dist/;
#                              then js/web/, the browser/workerd copy of the package's modules)
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@"); ((${#targets[@]})) || targets=(native)
jobs=$(nproc)
for t in "${targets[@]}"; do
  case $t in
    native)
      cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
      cmake --build build/native -j"$jobs" ;;
    asan)
      cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUIVER_SANITIZE=ON >/dev/null
      cmake --build build/asan -j"$jobs" --target quiver_tests quiver_storage_tests quiver_http_tests ;;
    wasm)
      export NODE_PATH=/usr/share/nodejs
      emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
      cmake --build build/wasm -j"$jobs"
      node scripts/build_web.mjs ;;  # js/web/: the browser/workerd modules (needs npm ci)
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
done
