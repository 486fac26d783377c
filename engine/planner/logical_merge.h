#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

// MERGE: for each row of children[0], runs children[1] (match, then ON MATCH SET; its leaf is
// an Argument passing the row through) and emits its rows; when it finds nothing, checks
// `null_checks` and runs children[2] (create, then ON CREATE SET) once. Each row sees the
// writes of the rows before it.
struct LogicalMerge final : LogicalOperator {
    LogicalMerge() : LogicalOperator(LogicalOpKind::Merge) {}
    std::vector<std::pair<std::string, BoundExprPtr>> null_checks;
    std::string describe() const override { return "Merge"; }
};

}  // namespace quiver::planner
