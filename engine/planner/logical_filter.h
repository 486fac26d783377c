#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

// Passes on the rows for which every predicate is true (null and false drop the row).
struct LogicalFilter final : LogicalOperator {
    LogicalFilter() : LogicalOperator(LogicalOpKind::Filter) {}
    std::vector<BoundExprPtr> predicates;
    std::string describe() const override;
};

}  // namespace quiver::planner
