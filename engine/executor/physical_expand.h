#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_expand.h"

namespace quiver::executor {

// For each input row, one row per relationship of `from` matching direction and types,
// honouring into / rel_bound / relationship uniqueness, predicates applied.
class PhysicalExpand final : public PhysicalOperator {
public:
    explicit PhysicalExpand(const planner::LogicalExpand& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    int64_t count_rows(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    bool binds_non_null(VarId v) const override { return v == op_.to || v == op_.rel; }
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;

private:
    bool qualifies(const Row& row, int64_t rel, int64_t neighbor) const;
    bool open_next(ExecutionContext& ctx, OperatorState& st, Row& row) const;
    const planner::LogicalExpand& op_;
};

}  // namespace quiver::executor
