// Neo4j 5's two token lookup indexes (one over node labels, one over relationship types).
// Quiver's label scans read per-label bitmaps and its relationship-type scans the adjacency;
// both are always maintained, so the two lookup indexes are built in: always listed by SHOW
// INDEXES under Neo4j's default names, never created or dropped (main/schema_command.cpp).
#pragma once

#include <string>

#include "value/value.h"

namespace quiver::function {

inline constexpr const char* kNodeLookupIndexName = "index_343aff4e";
inline constexpr const char* kRelLookupIndexName = "index_f7700477";

const char* lookup_index_name(bool relationship);
// `CREATE LOOKUP INDEX `name` FOR (n) ON EACH labels(n)` / `FOR ()-[r]-() ON EACH type(r)`
std::string lookup_index_create_statement(bool relationship);
// The row of SHOW INDEXES (every column, YIELD * order) with the given id.
ValueList lookup_index_row(bool relationship, int64_t id);

}  // namespace quiver::function
