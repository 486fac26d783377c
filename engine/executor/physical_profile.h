// PROFILE: a wrapper around one physical operator that records into
// ExecutionContext::profile[slot] the rows it produces and the db hits, page cache hits/misses
// and time spent inside its next() calls. Those include its children's work (pull-based
// execution runs a child inside its parent's next()); main/ subtracts the children. The
// wrapper has no children of its own: the wrapped operator keeps its (wrapped) children, so
// the plan shape is unchanged for its parent.
#pragma once

#include <vector>

#include "executor/physical_operator.h"
#include "planner/logical_operator.h"

namespace quiver::executor {

class PhysicalProfiled final : public PhysicalOperator {
public:
    PhysicalProfiled(PhysicalOpPtr inner, size_t slot) : inner_(std::move(inner)), slot_(slot) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return inner_->describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext& ctx) const override;

private:
    PhysicalOpPtr inner_;
    size_t slot_;
};

// map_plan with every operator wrapped; `counted[slot]` is the logical operator of each slot.
PhysicalOpPtr map_plan_profiled(const planner::LogicalOperator& root,
                                std::vector<const planner::LogicalOperator*>& counted);

}  // namespace quiver::executor
