// quiver::cli — the human-readable update counters ("Added 3 nodes, Set 4 properties").
#pragma once

#include <string>

#include "quiver/database.h"

namespace quiver::cli {

// Empty when the statement changed nothing.
std::string stats_text(const QueryStats& stats);
// "1 row", "3 rows".
std::string row_count_text(uint64_t rows);

}  // namespace quiver::cli
