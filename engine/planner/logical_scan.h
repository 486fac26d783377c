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

}  // namespace quiver::planner
