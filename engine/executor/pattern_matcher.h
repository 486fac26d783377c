// quiver::executor — evaluation of PatternMatch expressions (pattern predicates, EXISTS { },
// pattern comprehensions) by backtracking over the store, without a plan.
#pragma once

#include "binder/bound_expression.h"
#include "executor/execution_context.h"

namespace quiver::executor {

Value eval_pattern_match(const binder::BoundExpression& e, Row& row, ExecutionContext& ctx);

}  // namespace quiver::executor
