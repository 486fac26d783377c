#!/usr/bin/env bash
# The main job: the Quiver server on the embedded default database data/movies.qdb (created on
# first use and loaded with the classic movies graph): Bolt on 127.0.0.1:7687 (TCP and
# WebSocket) and Neo4j's HTTP API on 127.0.0.1:7474. Credentials: QUIVER_AUTH=user/password at
# the first start, else user neo4j with a generated password printed once.
#   bash scripts/run.sh [serve options]     e.g. --bolt 127.0.0.1:7688 --http off
#   bash scripts/run.sh shell               an interactive Cypher shell on the same file instead
# Installs what it needs (idempotent) and builds the native CLI at build/native/quiver.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh native
mkdir -p data
db=data/movies.qdb
if [[ "${1:-}" == "shell" ]]; then
  shift
  exec build/native/quiver shell "$db" --sample movies "$@"
fi
# First use: create the file with the sample graph.
[[ -e $db ]] || build/native/quiver query "$db" --sample movies 'MATCH (n) RETURN count(n) AS nodes'
cat <<'TXT'
Connect with any Neo4j tool or driver, e.g.
  neo4j.driver('bolt://127.0.0.1:7687', neo4j.auth.basic(USER, PASSWORD))   (or neo4j://)
  curl -u USER:PASSWORD -H 'Content-Type: application/json' \
       -d '{"statements":[{"statement":"MATCH (m:Movie) RETURN count(m)"}]}' \
       http://127.0.0.1:7474/db/neo4j/tx/commit
Stop with Ctrl-C (open transactions roll back; everything committed is kept).
TXT
exec build/native/quiver serve "$db" "$@"
