#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_eager.h"
#include "planner/logical_order.h"

namespace quiver::executor {

// Sort and Top (sort + skip + limit) share the buffered implementation.
class PhysicalSort final : public PhysicalOperator {
public:
    explicit PhysicalSort(const planner::LogicalSort& op) : keys_(op.keys), name_(op.describe()) {}
    explicit PhysicalSort(const planner::LogicalTop& op)
        : keys_(op.keys), skip_(op.skip.get()), limit_(op.limit.get()), name_(op.describe()) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return name_; }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;
    void bind_state(ExecutionContext& ctx, OperatorState& st) const override;
    bool binds_state() const override { return true; }

private:
    const std::vector<planner::LogicalSortKey>& keys_;
    const binder::BoundExpression* skip_ = nullptr;
    const binder::BoundExpression* limit_ = nullptr;
    std::string name_;
};

// Buffers its whole input before producing rows.
class PhysicalEager final : public PhysicalOperator {
public:
    explicit PhysicalEager(const planner::LogicalEager& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;
    void bind_state(ExecutionContext& ctx, OperatorState& st) const override;
    bool binds_state() const override { return true; }

private:
    const planner::LogicalEager& op_;
};

// Evaluates a SKIP/LIMIT count (constant or parameter) and checks it.
int64_t evaluate_count(const binder::BoundExpression& e, Row& row, ExecutionContext& ctx,
                       const char* what);

}  // namespace quiver::executor
