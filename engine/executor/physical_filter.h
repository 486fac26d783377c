#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_filter.h"

namespace quiver::executor {

class PhysicalFilter final : public PhysicalOperator {
public:
    explicit PhysicalFilter(const planner::LogicalFilter& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

private:
    const planner::LogicalFilter& op_;
};

}  // namespace quiver::executor
