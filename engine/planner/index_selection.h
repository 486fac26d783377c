// Access-path selection for one node of a MATCH pattern: a label scan, an all-nodes scan, an
// index seek (range, text, point) or a seek by id / element id, chosen at plan time from the
// predicates on the node and the store's counts (planner/cardinality.cpp).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "planner/logical_scan.h"

namespace quiver::planner {

struct NodeAccess {
    std::string label;  // the label scanned (or implied by the index); empty = all nodes
    double estimate = 0;  // rows per input row, after the predicates (to compare paths)
    double rows = 0;      // rows the access path itself yields per input row
    NodeSeek seek;
};

// `preds`: predicates of the clause whose variables are all in `bound` or `var` itself.
NodeAccess choose_node_access(VarId var, const std::vector<std::string>& labels,
                              const std::vector<const BoundExpression*>& preds,
                              const std::set<VarId>& bound, const PlannerStatistics& stats,
                              const std::vector<IndexStatistics>& indexes);

// A seek by relationship id: `id(rel) = arg` or `id(rel) IN arg` among `preds`.
struct RelIdSeek {
    BoundExprPtr arg;
    bool list = false;
    double estimate = 0;
};
std::optional<RelIdSeek> choose_rel_id_seek(VarId rel,
                                            const std::vector<const BoundExpression*>& preds,
                                            const std::set<VarId>& bound);

}  // namespace quiver::planner
