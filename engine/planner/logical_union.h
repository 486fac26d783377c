#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

// UNION ALL: the rows of each child in turn (every child starts from its own Argument and
// writes the same output variables). UNION adds a Distinct above it.
struct LogicalUnion final : LogicalOperator {
    LogicalUnion() : LogicalOperator(LogicalOpKind::Union) {}
    std::string describe() const override { return "Union"; }
};

}  // namespace quiver::planner
