#include <fmt/format.h>

#include "base/error.h"
#include "executor/expression_evaluator.h"
#include "executor/physical_apply.h"

namespace quiver::executor {

bool PhysicalForeach::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    if (!pull(ctx, st, row, 0)) return false;
    Value list = evaluate(*op_.list, row, ctx);
    if (list.is_null()) return true;
    if (!list.is_list())
        throw_type("InvalidArgumentType",
                   fmt::format("Type mismatch: expected a list in FOREACH but was {}",
                               kind_name(list.kind())));
    Row inner;
    for (const auto& item : list.as_list()) {
        inner = row;
        inner[op_.var] = item;
        restart_child(ctx, st, 1);  // the body, for this item
        while (children[1]->next(ctx, *st.children[1], inner)) {
        }
    }
    return true;
}

}  // namespace quiver::executor
