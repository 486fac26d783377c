#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_expand.h"

namespace quiver::executor {

class AdjacencyWalk;

// For each input row, every trail of min..max relationships from `from` (depth-first), with
// the relationship list and the end node written to the row.
class PhysicalVarExpand final : public PhysicalOperator {
public:
    explicit PhysicalVarExpand(const planner::LogicalVarExpand& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    int64_t count_rows(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    bool binds_non_null(VarId v) const override { return v == op_.to || v == op_.rel; }
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;

private:
    bool follow_bound(ExecutionContext& ctx, Row& row) const;
    bool fresh(const Row& row, const std::vector<int64_t>& rels, int64_t rel) const;
    bool inline_properties(ExecutionContext& ctx, Row& row, AdjacencyWalk& walk) const;
    bool step_ok(ExecutionContext& ctx, Row& row, std::vector<int64_t> nodes, std::vector<int64_t> rels) const;
    void write_groups(std::vector<int64_t> nodes, std::vector<int64_t> rels, Row& row) const;
    const planner::LogicalVarExpand& op_;
};

}  // namespace quiver::executor
