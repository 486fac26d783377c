// Candidate nodes of a planned node seek (planner::NodeSeek) for one input row: the node ids
// the index or id lookup yields, in the order the scan emits them. nullopt when the seek
// cannot answer for this row's values (a type the index does not hold, a dropped index): the
// scan then falls back to its label scan. Candidates are a superset of the matching nodes;
// the scan's predicates re-check each one.
#pragma once

#include <optional>
#include <vector>

#include "executor/execution_context.h"
#include "executor/physical_operator.h"
#include "planner/logical_scan.h"
#include "storage/graph/graph_txn.h"

namespace quiver::executor {

// The ids a seek value (or each element of a list value) can equal, in order, without
// duplicates: id(x) = 1.0 holds for id 1, nothing equals a string or null.
std::vector<int64_t> ids_of(const Value& v, bool list);

// Fills `out` (replacing its contents, keeping its capacity); false for nullopt above.
bool seek_candidates(const planner::NodeSeek& seek, Row& row, ExecutionContext& ctx,
                     std::vector<storage::NodeId>& out);

}  // namespace quiver::executor
