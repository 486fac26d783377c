#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

struct LogicalSkip final : LogicalOperator {
    LogicalSkip() : LogicalOperator(LogicalOpKind::Skip) {}
    BoundExprPtr count;
    std::string describe() const override;
};

// exhaust_input: after the last row, the input is still pulled to its end (it contains
// updates that must all happen).
struct LogicalLimit final : LogicalOperator {
    LogicalLimit() : LogicalOperator(LogicalOpKind::Limit) {}
    BoundExprPtr count;
    bool exhaust_input = false;
    std::string describe() const override;
};

}  // namespace quiver::planner
