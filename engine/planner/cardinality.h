// Cardinality estimates used by the planner: selectivity of predicates and of index seeks,
// from the store's counts (label, type, index entry counts). Heuristic constants in one place.
#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner::cardinality {

inline constexpr double kEquality = 0.01;     // share of an index's entries equal to one value
inline constexpr double kRange = 0.3;         // one-sided range
inline constexpr double kBoundedRange = 0.1;  // both bounds
inline constexpr double kStringMatch = 0.1;   // STARTS WITH / ENDS WITH / CONTAINS
inline constexpr double kSpatial = 0.1;       // bounding box / distance
inline constexpr double kListSize = 10;       // elements of a list not known at plan time

// Rows an equality seek on `ix` finds per looked-up value: the store's distinct-value estimate,
// else kEquality of its entries.
double equality_rows(const IndexStatistics& ix, const PlannerStatistics& stats);

// Selectivity of one residual predicate (not answered by the access path).
double predicate_selectivity(const BoundExpression& e);
// Number of elements of a list expression, kListSize when unknown.
double list_size(const BoundExpression& e);

}  // namespace quiver::planner::cardinality
