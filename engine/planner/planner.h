// quiver::planner — turns a BoundStatement into a logical plan (Logical*), clause by clause:
// plan_match.cpp (MATCH, OPTIONAL MATCH, MERGE, UNWIND), plan_projection.cpp, plan_update.cpp,
// planner.cpp (UNION, CALL).
//
// May call: binder, function, value, base. Reads statistics only through PlannerStatistics.
// Promises:
//   1. MATCH starts from variables bound earlier when it can, otherwise from the node (or
//      relationship, for id(r) = x or an indexed `r.key = <literal or parameter>` on a
//      single-type relationship with both ends unbound) with the smallest estimated rows —
//      label counts, index entry counts for seeks (index_selection.cpp, cardinality.cpp) — and
//      expands from bound nodes before any cartesian product; consecutive MATCH clauses are
//      planned as one join with relationship uniqueness per clause;
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
