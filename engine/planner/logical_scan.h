#pragma once

#include <optional>

#include "planner/logical_operator.h"

namespace quiver::planner {

// One row with every slot null: the input of the first clause.
struct LogicalArgument final : LogicalOperator {
    LogicalArgument() : LogicalOperator(LogicalOpKind::Argument) {}
    std::string describe() const override { return "Argument"; }
};

// For each input row: every node (label empty) or every node carrying `label`.
// `predicates` are evaluated per node before the row is passed on (pushed down by the
// optimizer's predicate_pushdown pass).
struct LogicalNodeScan final : LogicalOperator {
    LogicalNodeScan() : LogicalOperator(LogicalOpKind::NodeScan) {}
    VarId var = binder::kNoVar;
    std::optional<std::string> label;
    std::vector<BoundExprPtr> predicates;
    std::string describe() const override;
};

// For each input row: the relationships of `type` whose `key` equals `value`, found through a
// relationship range index (DirectedRelationshipIndexSeek / UndirectedRelationshipIndexSeek),
// binding `rel` and its endpoints `a` -[rel]-> `b` (undirected: both orientations, a self-loop
// once). `distinct_from`: relationships of the same MATCH this one must differ from.
struct LogicalRelIndexSeek final : LogicalOperator {
    LogicalRelIndexSeek() : LogicalOperator(LogicalOpKind::RelIndexSeek) {}
    VarId rel = binder::kNoVar, a = binder::kNoVar, b = binder::kNoVar;
    bool directed = true;  // a is the start node
    std::string type, key;
    BoundExprPtr value;
    std::vector<VarId> distinct_from;
    std::string describe() const override;
};

}  // namespace quiver::planner
