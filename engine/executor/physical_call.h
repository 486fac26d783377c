#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_call.h"

namespace quiver::executor {

// Calls the procedure once per input row and streams its rows.
class PhysicalProcedureCall final : public PhysicalOperator {
public:
    explicit PhysicalProcedureCall(const planner::LogicalProcedureCall& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;

private:
    const planner::LogicalProcedureCall& op_;
};

}  // namespace quiver::executor
