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

bool PhysicalOptional::reset_state(OperatorState& st) const {
    auto& s = static_cast<OptionalState&>(st);
    s.active = false;
    s.matched = false;
    return true;
}

bool PhysicalOptional::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<OptionalState&>(st);
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row, 0)) return false;
            // The inner part starts afresh (its Argument leaf yields the current row once).
            restart_child(ctx, st, 1);
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
