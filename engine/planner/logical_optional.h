#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

// OPTIONAL MATCH: for each row of children[0], runs children[1] (whose leaf is an Argument that
// passes the outer row through) and emits its rows; when it yields none, emits the outer row
// once with `null_vars` (the variables the optional part binds) set to null.
struct LogicalOptional final : LogicalOperator {
    LogicalOptional() : LogicalOperator(LogicalOpKind::Optional) {}
    std::vector<VarId> null_vars;
    std::string describe() const override;
};

}  // namespace quiver::planner
