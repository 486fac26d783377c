#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

// Evaluates each expression into its variable's slot (other slots are kept).
struct LogicalProjection final : LogicalOperator {
    LogicalProjection() : LogicalOperator(LogicalOpKind::Projection) {}
    std::vector<std::pair<BoundExprPtr, VarId>> items;
    std::string describe() const override;
};

// Terminal operator of a query with RETURN: names the result columns.
struct LogicalProduceResults final : LogicalOperator {
    LogicalProduceResults() : LogicalOperator(LogicalOpKind::ProduceResults) {}
    std::vector<std::string> columns;
    std::vector<VarId> vars;
    std::string describe() const override;
};

}  // namespace quiver::planner
