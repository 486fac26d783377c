#!/usr/bin/env bash
# Instructions per statement of one Cypher query, counted by callgrind (load-independent):
#   bash bench/callgrind_statement.sh 'MATCH (p:Person)-[:KNOWS]->(f) WHERE id(p) = $id RETURN count(f)'
# Runs `quiver-bench cypher --query Q` twice (1,000 and 3,000 repetitions, $id taking the
# bench's start nodes in turn) under callgrind, collecting only inside the statement calls, and
# prints (count at 3,000 − count at 1,000) / 2,000: the warm per-statement cost, without the
# graph load or the first, cold runs. Build the binary first:
#   cmake -S . -B build/prof -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUIVER_TESTS=OFF
#   cmake --build build/prof --target quiver-bench
# Environment: BIN (default build/prof/quiver-bench), NODES (20000), RELS (200000).
set -euo pipefail
query=${1:?usage: callgrind_statement.sh QUERY}
bin=${BIN:-build/prof/quiver-bench}
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() {
    valgrind --tool=callgrind --callgrind-out-file="$out/cg.$1" --toggle-collect='*single_int*' \
        "$bin" cypher --nodes "${NODES:-20000}" --rels "${RELS:-200000}" --query "$query" --reps "$1" \
        2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
a=$(count 1000)
b=$(count 3000)
echo "instructions per statement: $(( (b - a) / 2000 ))"
