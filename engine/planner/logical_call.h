#pragma once

#include "planner/logical_operator.h"

namespace quiver::function {
struct Procedure;
}

namespace quiver::planner {

// CALL: for each input row, the procedure's rows with the yielded fields written to their
// variables (a void procedure passes the row on once); `predicates` filter them.
struct LogicalProcedureCall final : LogicalOperator {
    LogicalProcedureCall() : LogicalOperator(LogicalOpKind::ProcedureCall) {}
    const function::Procedure* procedure = nullptr;
    std::vector<BoundExprPtr> args;
    std::vector<std::pair<size_t, VarId>> yields;
    std::vector<BoundExprPtr> predicates;
    std::string describe() const override;
};

}  // namespace quiver::planner
