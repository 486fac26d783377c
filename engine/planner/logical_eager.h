#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

// Consumes its whole input before producing the first row, so that writes after it cannot
// affect reads before it (and reads after it see every write before it).
struct LogicalEager final : LogicalOperator {
    LogicalEager() : LogicalOperator(LogicalOpKind::Eager) {}
    std::string reason;
    std::string describe() const override { return "Eager(" + reason + ")"; }
};

}  // namespace quiver::planner
