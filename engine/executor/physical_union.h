#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_union.h"

namespace quiver::executor {

// The rows of each child in turn.
class PhysicalUnion final : public PhysicalOperator {
public:
    explicit PhysicalUnion(const planner::LogicalUnion& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;

private:
    const planner::LogicalUnion& op_;
};

}  // namespace quiver::executor
