// quiver::cli — the EXPLAIN/PROFILE plan as a text table, in the spirit of cypher-shell:
//
//   +-----------------+-------------+----------------+------+
//   | Operator        | Identifiers | Estimated Rows | Rows |
//   +-----------------+-------------+----------------+------+
//   | +ProduceResults | n           |              3 |    3 |
//   | |               +-------------+----------------+------+
//   | +AllNodesScan   | n           |              3 |    3 |
//   +-----------------+-------------+----------------+------+
//
// Children are indented below their parent; a second child (Apply, Optional, Union) opens a
// new branch one level to the right. The Rows column appears for PROFILE only.
#pragma once

#include <string>

#include "quiver/database.h"

namespace quiver::cli {

std::string plan_table(const PlanDescription& plan, bool profiled);

}  // namespace quiver::cli
