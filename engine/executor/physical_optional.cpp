#include "executor/physical_optional.h"

namespace quiver::executor {

namespace {
struct OptionalState final : OperatorState {
    bool active = false;   // an outer row is current and the inner part is running
    bool matched = false;  // the inner part produced a row for the current outer row
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalOptional::make_state(ExecutionContext&) const {
    return std::make_unique<OptionalState>();
}

bool PhysicalOptional::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<OptionalState&>(st);
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row, 0)) return false;
            // A fresh inner state: its Argument leaf yields the current row once.
            st.children[1] = children[1]->init_state(ctx);
            s.active = true;
            s.matched = false;
        }
        if (pull(ctx, st, row, 1)) {
            s.matched = true;
            return true;
        }
        s.active = false;
        if (!s.matched) {
            for (VarId v : op_.null_vars) row[v] = Value();
            return true;
        }
    }
}

}  // namespace quiver::executor
