// quiver::executor — evaluates bound expressions over a row with Cypher semantics
// (three-valued logic, null propagation, runtime type errors with TCK details).
#pragma once

#include "binder/bound_expression.h"
#include "executor/execution_context.h"
#include "value/value_ops.h"

namespace quiver::executor {

Value evaluate(const binder::BoundExpression& e, Row& row, ExecutionContext& ctx);
// A predicate: true / false / null; a non-boolean raises TypeError.
Tri evaluate_predicate(const binder::BoundExpression& e, Row& row, ExecutionContext& ctx);
bool all_true(const std::vector<binder::BoundExprPtr>& preds, Row& row, ExecutionContext& ctx);

// Entity reads that honour deletions of this statement (EntityNotFound when deleted).
Value node_property(ExecutionContext& ctx, int64_t node, const std::string& key);
Value rel_property(ExecutionContext& ctx, int64_t rel, const std::string& key);

}  // namespace quiver::executor
