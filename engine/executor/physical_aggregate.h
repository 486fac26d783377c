#pragma once

#include <atomic>

#include "executor/physical_operator.h"
#include "planner/logical_aggregate.h"

namespace quiver::executor {

// Hash aggregation: groups in first-seen order; DISTINCT aggregates deduplicate per group.
class PhysicalAggregate final : public PhysicalOperator {
public:
    explicit PhysicalAggregate(const planner::LogicalAggregate& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;
    void bind_state(ExecutionContext& ctx, OperatorState& st) const override;
    bool binds_state() const override { return true; }

private:
    void consume(ExecutionContext& ctx, OperatorState& st, Row& row) const;
    // count(*) or count(v) of a never-null v, alone and ungrouped: the child counts its rows.
    // Decided once per plan (its children are attached after construction), on first use.
    bool counts_child_rows() const;
    bool decide_counts_child_rows() const;
    const planner::LogicalAggregate& op_;
    mutable std::atomic<int8_t> counts_child_rows_{-1};  // -1 not decided yet, else 0/1
};

}  // namespace quiver::executor
