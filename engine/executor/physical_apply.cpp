#include "executor/physical_apply.h"

namespace quiver::executor {

namespace {
struct ApplyState final : OperatorState {
    bool active = false;   // an outer row is current and the subquery is running for it
    bool matched = false;  // the subquery produced a row for the current outer row
    Row inner;             // the subquery's row buffer
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalApply::make_state(ExecutionContext&) const {
    return std::make_unique<ApplyState>();
}

bool PhysicalApply::reset_state(OperatorState& st) const {
    auto& s = static_cast<ApplyState&>(st);
    s.active = false;
    s.matched = false;
    s.inner.clear();  // values of the last run's rows: nothing may keep them alive
    return true;
}

bool PhysicalApply::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<ApplyState&>(st);
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row, 0)) return false;
            s.inner = row;
            restart_child(ctx, st, 1);
            if (op_.unit) {
                while (children[1]->next(ctx, *st.children[1], s.inner)) {
                }
                return true;
            }
            s.active = true;
            s.matched = false;
        }
        if (children[1]->next(ctx, *st.children[1], s.inner)) {
            s.matched = true;
            for (VarId v : op_.return_vars) row[v] = s.inner[v];
            return true;
        }
        s.active = false;
        if (op_.optional && !s.matched) {
            for (VarId v : op_.return_vars) row[v] = Value();
            return true;
        }
    }
}

}  // namespace quiver::executor
