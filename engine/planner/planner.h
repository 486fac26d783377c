// quiver::planner — turns a BoundStatement into a logical plan (Logical*), clause by clause:
// plan_match.cpp (MATCH, OPTIONAL MATCH, MERGE, UNWIND), plan_projection.cpp, plan_update.cpp,
// planner.cpp (UNION, CALL).
//
// May call: binder, function, value, base. Reads statistics only through PlannerStatistics.
// Promises:
//   1. MATCH starts from variables bound earlier when it can, otherwise from the node with the
//      smallest estimated count (smallest label count) — or from a relationship index seek
//      when `r.key = <literal or parameter>` on a single-type relationship with both ends
//      unbound is expected to find fewer rows — and expands from bound nodes;
//   2. an Eager is placed wherever a write could change what an earlier read of the same query
//      sees (MATCH (n) CREATE (m) terminates), and between writes and later reads;
//   3. predicates are placed as early as their variables allow (as Filters; the optimizer
//      pushes them into scans and expands);
//   4. OPTIONAL MATCH and MERGE plan their pattern over an Argument leaf under an Optional /
//      Merge operator, so WHERE of an OPTIONAL MATCH filters only the optional part and each
//      MERGE row sees what the rows before it created.
#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

LogicalPlan plan_statement(binder::BoundStatement&& statement, const PlannerStatistics& stats);

}  // namespace quiver::planner
