#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

enum class ExpandDirection : uint8_t { Outgoing, Incoming, Both };

// For each input row: the relationships of node `from` in `direction` (restricted to
// `types` when non-empty). `into`: `to` is already bound and only relationships reaching it
// qualify. `rel_bound`: `rel` is already bound and only that relationship qualifies.
// `distinct_from`: relationship variables of the same MATCH this one must differ from
// (relationship isomorphism).
struct LogicalExpand final : LogicalOperator {
    LogicalExpand() : LogicalOperator(LogicalOpKind::Expand) {}
    VarId from = binder::kNoVar, rel = binder::kNoVar, to = binder::kNoVar;
    ExpandDirection direction = ExpandDirection::Outgoing;
    std::vector<std::string> types;
    bool into = false;
    bool rel_bound = false;
    std::vector<VarId> distinct_from;
    std::vector<BoundExprPtr> predicates;
    std::string describe() const override;
};

}  // namespace quiver::planner

namespace quiver::planner {

// Variable-length expansion -[rel:types*min..max]-: for each input row, every trail (no
// relationship twice) of min..max relationships from `from`; `rel` receives the list of
// relationships in pattern order (`reverse`: the expansion runs against the pattern, from its
// right end), `to` the last node. `rel_properties`: an inline map every relationship must
// match. `into` / `distinct_from` as for LogicalExpand (distinct_from may name list variables).
struct LogicalVarExpand final : LogicalOperator {
    LogicalVarExpand() : LogicalOperator(LogicalOpKind::VarExpand) {}
    VarId from = binder::kNoVar, rel = binder::kNoVar, to = binder::kNoVar;
    ExpandDirection direction = ExpandDirection::Outgoing;
    std::vector<std::string> types;
    int64_t min_hops = 1, max_hops = -1;
    bool into = false;
    bool reverse = false;
    bool rel_bound = false;  // `rel` holds a list bound earlier: follow exactly those relationships
    std::vector<VarId> distinct_from;
    BoundExprPtr rel_properties;
    // A quantified path pattern: each step is checked with the singleton variables of its
    // nodes and relationship set (in pattern orientation); the group variables receive lists.
    std::shared_ptr<binder::BoundQuantifiedStep> step;
    std::string describe() const override;
};

}  // namespace quiver::planner

namespace quiver::planner {

// shortestPath((from)-[rel:types*min..max]-(to)) with both end nodes bound: per input row, one
// shortest path (`all`: every path of the shortest length) satisfying `predicates`, which may
// refer to `rel` and `path`. `rel` receives the relationships in pattern order (a list when
// `rel_is_list`, else the single relationship), `path` (may be kNoVar) the path. Rows whose end
// nodes are not connected produce nothing.
struct LogicalShortestPath final : LogicalOperator {
    LogicalShortestPath() : LogicalOperator(LogicalOpKind::ShortestPath) {}
    VarId from = binder::kNoVar, rel = binder::kNoVar, to = binder::kNoVar, path = binder::kNoVar;
    ExpandDirection direction = ExpandDirection::Outgoing;  // seen from `from`
    std::vector<std::string> types;
    int64_t min_hops = 1, max_hops = -1;
    bool all = false;       // every path of the shortest length(s)
    int64_t count = 1;      // paths (or, with `all`, lengths) to keep
    bool selector = false;  // SHORTEST / ANY: a path from a node to itself is searched too
    bool rel_is_list = true;
    BoundExprPtr rel_properties;
    std::vector<BoundExprPtr> predicates;
    std::string describe() const override;
};

}  // namespace quiver::planner
