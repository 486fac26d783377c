#!/usr/bin/env bash
# Runs every test. Installs what it needs (apt-get, npm ci from the lockfile; idempotent),
# builds the native CLI (build/native), the sanitizer configuration (build/asan) and the WASM
# module (build/wasm), then runs:
#   1. C++ unit, fault-injection and kill -9 tests under ASan + UBSan (ctest)
#   2. CLI tests against build/native/quiver          (node --test tests/cli)
#   2b. HTTP API tests against build/native/quiver-http (node --test tests/http)
#   3. JS/WASM tests of the quiverdb package in Node  (node --test tests/js)
#   3b. the Bolt server with the real neo4j-driver 4.4/5.27/5.28/6.x (node --test tests/server)
#   4. the package in real Chromium (OPFS, IndexedDB, tabs, export) and in workerd (miniflare)
#   5. the openCypher TCK with the ratchet: every scenario in tests/tck/ratchet.txt must pass
#   6. the storage benchmark at smoke scale (checks it runs and its answers are consistent)
#   7. the peer benchmark at smoke scale against kuzu and kuzu-wasm (answers must agree)
#   8. the Bolt load benchmark at smoke scale (100 connections, 8 clients for 3 s; fails on any
#      error or lost write)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs
# Everything a test needs is installed and built above: a missing prerequisite fails the test
# instead of skipping it (tests/support/prerequisite.mjs).
export QUIVER_REQUIRE_ALL=1
scripts/deps.sh --all
scripts/build.sh native asan wasm

passed=0; failed=0
section() { printf '\n=== %s ===\n' "$1"; }
record() { if [[ $1 -eq 0 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "!!! suite failed: $2"; fi; }

section "C++ tests (ASan + UBSan)"
rc=0; ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build/asan --output-on-failure -j2 || rc=$?; record $rc "C++ tests"

section "CLI tests"
rc=0; QUIVER_BIN=build/native/quiver node --test tests/cli/ || rc=$?; record $rc "CLI tests"

section "HTTP API tests"
rc=0; QUIVER_HTTP_BIN=build/native/quiver-http node --test tests/http/ || rc=$?; record $rc "HTTP tests"

section "JS / WASM tests"
rc=0; QUIVER_BIN=build/native/quiver node --test tests/js/ || rc=$?; record $rc "JS tests"

section "Bolt server tests (neo4j-driver 4.4, 5.27, 5.28, 6.x)"
rc=0; QUIVER_BIN=build/native/quiver node --test tests/server/ || rc=$?; record $rc "server tests"

section "browser (Chromium) and edge (workerd) tests"
rc=0; QUIVER_BIN=build/native/quiver node --test --test-concurrency=1 tests/browser/ tests/edge/ || rc=$?
record $rc "browser/edge tests"

section "openCypher TCK (ratchet)"
tck=../shared/tck/features
[[ -d $tck ]] || tck=shared/tck/features
if [[ ! -d $tck ]]; then echo "TCK features not found (expected ../shared/tck/features)"; exit 1; fi
rc=0; build/native/quiver-tck "$tck" --ratchet tests/tck/ratchet.txt || rc=$?; record $rc "TCK ratchet"

section "storage benchmark (smoke scale)"
rc=0; build/native/quiver-bench storage --nodes 2000 --rels 20000 || rc=$?; record $rc "storage benchmark"

section "peer benchmark (smoke scale)"
rc=0; bench/run peers --smoke || rc=$?; record $rc "peer benchmark"

section "Bolt load benchmark (smoke scale)"
rc=0; QUIVER_BIN=build/native/quiver bench/run bolt --connections 100 --clients 8 --seconds 3 \
  --latency-seconds 0.5 --out build/bench-bolt-smoke.json || rc=$?; record $rc "Bolt load benchmark"

printf '\n=== summary ===\n'
echo "suites: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
