#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_optional.h"

namespace quiver::executor {

// children[0]: the outer input; children[1]: the optional part, re-started for every outer row
// (its Argument leaf passes the current row through). Null-pads when the part finds nothing.
class PhysicalOptional final : public PhysicalOperator {
public:
    explicit PhysicalOptional(const planner::LogicalOptional& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;

private:
    const planner::LogicalOptional& op_;
};

}  // namespace quiver::executor
