#!/usr/bin/env bash
# Runs every test. Installs what it needs (apt-get, npm ci from the lockfile; idempotent),
# builds the native CLI (build/native), the sanitizer configuration (build/asan) and the WASM
# module (build/wasm), then runs:
#   1. C++ unit, fault-injection and kill -9 tests under ASan + UBSan (ctest)
#   2. CLI tests against build/native/quiver          (node --test tests/cli)
#   3. JS/WASM tests of the quiverdb package in Node  (node --test tests/js)
#   4. the storage benchmark at smoke scale (checks it runs and its answers are consistent)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs
scripts/deps.sh --all
scripts/build.sh native asan wasm

fail=0
section() { printf '\n=== %s ===\n' "$1"; }

section "C++ tests (ASan + UBSan)"
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build/asan --output-on-failure -j2 || fail=1

section "CLI tests"
QUIVER_BIN=build/native/quiver node --test tests/cli/ || fail=1

section "JS / WASM tests"
QUIVER_BIN=build/native/quiver node --test tests/js/ || fail=1

section "storage benchmark (smoke scale)"
build/native/quiver-bench storage --nodes 2000 --rels 20000 || fail=1

exit $fail
