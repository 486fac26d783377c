#include "executor/physical_profile.h"

#include "executor/executor.h"

namespace quiver::executor {

namespace {
struct ProfiledState final : OperatorState {
    std::unique_ptr<OperatorState> inner;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalProfiled::make_state(ExecutionContext& ctx) const {
    auto st = std::make_unique<ProfiledState>();
    st->inner = inner_->init_state(ctx);
    if (ctx.profile_rows.size() <= slot_) ctx.profile_rows.resize(slot_ + 1, 0);
    return st;
}

bool PhysicalProfiled::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<ProfiledState&>(st);
    if (!inner_->next(ctx, *s.inner, row)) return false;
    if (ctx.profile_rows.size() <= slot_) ctx.profile_rows.resize(slot_ + 1, 0);
    ++ctx.profile_rows[slot_];
    return true;
}

PhysicalOpPtr map_plan_profiled(const planner::LogicalOperator& root,
                                std::vector<const planner::LogicalOperator*>& counted) {
    // Map this operator alone, then replace its children by profiled ones.
    PhysicalOpPtr p = map_plan(root);
    for (size_t i = 0; i < root.children.size(); ++i)
        p->children[i] = map_plan_profiled(*root.children[i], counted);
    size_t slot = counted.size();
    counted.push_back(&root);
    return std::make_unique<PhysicalProfiled>(std::move(p), slot);
}

}  // namespace quiver::executor
