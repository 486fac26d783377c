#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

struct LogicalSortKey {
    BoundExprPtr expr;
    bool descending = false;
};

// Sorts all input rows (stable) by the keys in ORDER BY order (value_ops order_compare).
struct LogicalSort final : LogicalOperator {
    LogicalSort() : LogicalOperator(LogicalOpKind::Sort) {}
    std::vector<LogicalSortKey> keys;
    std::string describe() const override;
};

// Sort + SKIP + LIMIT fused: keeps only the first skip + limit rows while sorting.
struct LogicalTop final : LogicalOperator {
    LogicalTop() : LogicalOperator(LogicalOpKind::Top) {}
    std::vector<LogicalSortKey> keys;
    BoundExprPtr skip;  // may be null
    BoundExprPtr limit;
    std::string describe() const override;
};

}  // namespace quiver::planner
