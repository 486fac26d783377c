#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

// For each input row and each element of `list` (a non-list value counts as a one-element
// list, null as empty): one row with the element in `var`.
struct LogicalUnwind final : LogicalOperator {
    LogicalUnwind() : LogicalOperator(LogicalOpKind::Unwind) {}
    BoundExprPtr list;
    VarId var = binder::kNoVar;
    std::string describe() const override;
};

}  // namespace quiver::planner
