#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_projection.h"
#include "planner/logical_unwind.h"

namespace quiver::executor {

class PhysicalProjection final : public PhysicalOperator {
public:
    explicit PhysicalProjection(const planner::LogicalProjection& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

private:
    const planner::LogicalProjection& op_;
};

// Pass-through; main/ reads the column slots of each row it returns.
class PhysicalProduceResults final : public PhysicalOperator {
public:
    explicit PhysicalProduceResults(const planner::LogicalProduceResults& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override {
        return pull(ctx, st, row);
    }
    std::string describe() const override { return op_.describe(); }

private:
    const planner::LogicalProduceResults& op_;
};

class PhysicalUnwind final : public PhysicalOperator {
public:
    explicit PhysicalUnwind(const planner::LogicalUnwind& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;

private:
    const planner::LogicalUnwind& op_;
};

}  // namespace quiver::executor
