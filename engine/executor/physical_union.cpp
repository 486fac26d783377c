#include "executor/physical_union.h"

namespace quiver::executor {

namespace {
struct UnionState final : OperatorState {
    size_t current = 0;
    bool started = false;
    Row input;  // the row as the union received it (a subquery's imported variables)
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalUnion::make_state(ExecutionContext&) const {
    return std::make_unique<UnionState>();
}

bool PhysicalUnion::reset_state(OperatorState& st) const {
    auto& s = static_cast<UnionState&>(st);
    s.current = 0;
    s.started = false;
    s.input.clear();
    return true;
}

bool PhysicalUnion::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<UnionState&>(st);
    if (!s.started) {
        s.started = true;
        s.input = row;
    }
    while (s.current < children.size()) {
        if (pull(ctx, st, row, s.current)) return true;
        // A blocking operator of this branch may have cleared the row: the next branch starts
        // from the input row again.
        if (++s.current < children.size()) row = s.input;
    }
    return false;
}

}  // namespace quiver::executor
