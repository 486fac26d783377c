#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

// Groups input rows by the key expressions (DISTINCT equivalence), one output row per group
// with keys and aggregate results in their slots. With no keys: exactly one output row.
struct LogicalAggregate final : LogicalOperator {
    LogicalAggregate() : LogicalOperator(LogicalOpKind::Aggregate) {}
    std::vector<std::pair<BoundExprPtr, VarId>> keys;
    std::vector<std::pair<BoundExprPtr, VarId>> aggregates;  // AggregateCall expressions
    std::string describe() const override;
};

}  // namespace quiver::planner
