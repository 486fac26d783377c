#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

// Passes on the first row of each distinct combination of `vars` (equivalence of value_ops).
struct LogicalDistinct final : LogicalOperator {
    LogicalDistinct() : LogicalOperator(LogicalOpKind::Distinct) {}
    std::vector<VarId> vars;
    std::string describe() const override;
};

}  // namespace quiver::planner
