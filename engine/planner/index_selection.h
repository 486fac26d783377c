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
    // The predicate the access answers exactly (`id(v) = x`, `elementId(v) = x`: the seek yields
    // that one node or none), which need not be checked again; null for every other access.
    const BoundExpression* solved = nullptr;
};

// `preds`: predicates of the clause whose variables are all in `bound` or `var` itself.
// `hint` (USING INDEX / USING SCAN on `var`): a scan hint scans its label; an index hint seeks
// that index when a predicate allows a seek, else the choice is the usual one.
NodeAccess choose_node_access(VarId var, const std::vector<std::string>& labels,
                              const std::vector<const BoundExpression*>& preds,
                              const std::set<VarId>& bound, const PlannerStatistics& stats,
                              const std::vector<IndexStatistics>& indexes,
                              const binder::BoundHint* hint = nullptr);

// The indexes an index hint on a node names (label, properties in order, type if given).
std::vector<IndexStatistics> hinted_indexes(const binder::BoundHint& hint,
                                            const std::vector<IndexStatistics>& indexes);

// Neo4j's IndexNotFound error for an index hint that names no existing index.
[[noreturn]] void throw_hinted_index_not_found(const binder::BoundHint& hint,
                                               const std::string& variable);

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
