#!/usr/bin/env bash
# The main job: an interactive Cypher shell on the embedded default database
# data/movies.qdb, created on first use and loaded with the classic movies graph.
# Installs what it needs (idempotent) and builds the native CLI at build/native/quiver.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh native
mkdir -p data
exec build/native/quiver shell data/movies.qdb --sample movies "$@"
