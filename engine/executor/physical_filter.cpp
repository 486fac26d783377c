#include "executor/physical_filter.h"

#include "executor/expression_evaluator.h"

namespace quiver::executor {

bool PhysicalFilter::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    while (pull(ctx, st, row))
        if (all_true(op_.predicates, row, ctx)) return true;
    return false;
}

}  // namespace quiver::executor
