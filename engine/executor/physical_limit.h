#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_distinct.h"
#include "planner/logical_limit.h"

namespace quiver::executor {

class PhysicalSkip final : public PhysicalOperator {
public:
    explicit PhysicalSkip(const planner::LogicalSkip& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;

private:
    const planner::LogicalSkip& op_;
};

class PhysicalLimit final : public PhysicalOperator {
public:
    explicit PhysicalLimit(const planner::LogicalLimit& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;

private:
    const planner::LogicalLimit& op_;
};

class PhysicalDistinct final : public PhysicalOperator {
public:
    explicit PhysicalDistinct(const planner::LogicalDistinct& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;
    void bind_state(ExecutionContext& ctx, OperatorState& st) const override;
    bool binds_state() const override { return true; }

private:
    const planner::LogicalDistinct& op_;
};

}  // namespace quiver::executor
