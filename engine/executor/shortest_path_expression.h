// quiver::executor — shortestPath(...) / allShortestPaths(...) used as an expression: a search
// per evaluation between the two bound end nodes, without a plan.
#pragma once

#include "binder/bound_expression.h"
#include "executor/execution_context.h"

namespace quiver::executor {

// The shortest path (null when there is none), or with allShortestPaths the list of them.
Value eval_shortest_path(const binder::BoundExpression& e, Row& row, ExecutionContext& ctx);

}  // namespace quiver::executor
