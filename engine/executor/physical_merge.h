#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_merge.h"

namespace quiver::executor {

// children[0]: outer input; children[1]: match (+ ON MATCH), children[2]: create (+ ON
// CREATE), both restarted per outer row.
class PhysicalMerge final : public PhysicalOperator {
public:
    explicit PhysicalMerge(const planner::LogicalMerge& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;

private:
    void check_nulls(ExecutionContext& ctx, Row& row) const;
    const planner::LogicalMerge& op_;
};

}  // namespace quiver::executor
