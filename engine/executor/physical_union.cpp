#include "executor/physical_union.h"

namespace quiver::executor {

namespace {
struct UnionState final : OperatorState {
    size_t current = 0;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalUnion::make_state(ExecutionContext&) const {
    return std::make_unique<UnionState>();
}

bool PhysicalUnion::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<UnionState&>(st);
    while (s.current < children.size()) {
        if (pull(ctx, st, row, s.current)) return true;
        ++s.current;
    }
    return false;
}

}  // namespace quiver::executor
