#include "executor/physical_projection.h"

#include "executor/expression_evaluator.h"

namespace quiver::executor {

bool PhysicalProjection::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    if (!pull(ctx, st, row)) return false;
    for (const auto& [expr, var] : op_.items) row[var] = evaluate(*expr, row, ctx);
    return true;
}

namespace {
struct UnwindState final : OperatorState {
    bool active = false;
    Value list;
    size_t index = 0;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalUnwind::make_state(ExecutionContext&) const {
    return std::make_unique<UnwindState>();
}

bool PhysicalUnwind::reset_state(OperatorState& st) const {
    auto& s = static_cast<UnwindState&>(st);
    s.active = false;
    s.list = Value();
    s.index = 0;
    return true;
}

bool PhysicalUnwind::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<UnwindState&>(st);
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row)) return false;
            Value v = evaluate(*op_.list, row, ctx);
            if (v.is_null()) continue;
            if (!v.is_list()) {
                row[op_.var] = v;  // a single value unwinds to itself
                return true;
            }
            s.list = std::move(v);
            s.index = 0;
            s.active = true;
        }
        const auto& items = s.list.as_list();
        if (s.index < items.size()) {
            row[op_.var] = items[s.index++];
            return true;
        }
        s.active = false;
    }
}

}  // namespace quiver::executor
