// quiver::main — the update counters of a summary under Neo4j's names (Bolt's `stats` keys,
// read by neo4j-driver's QueryStatistics), in Neo4j's order, each with its QueryStats field.
// The Bolt server and the WASM bindings both encode summaries from this one table.
#pragma once

#include <cstdint>

#include "quiver/database.h"

namespace quiver::main {

struct CounterName {
    const char* key;
    int64_t QueryStats::*field;
};

inline constexpr CounterName kCounterNames[] = {
    {"nodes-created", &QueryStats::nodes_created},
    {"nodes-deleted", &QueryStats::nodes_deleted},
    {"relationships-created", &QueryStats::relationships_created},
    {"relationships-deleted", &QueryStats::relationships_deleted},
    {"properties-set", &QueryStats::properties_set},
    {"labels-added", &QueryStats::labels_added},
    {"labels-removed", &QueryStats::labels_removed},
    {"indexes-added", &QueryStats::indexes_added},
    {"indexes-removed", &QueryStats::indexes_removed},
    {"constraints-added", &QueryStats::constraints_added},
    {"constraints-removed", &QueryStats::constraints_removed},
};

}  // namespace quiver::main
