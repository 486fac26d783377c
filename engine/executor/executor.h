// quiver::executor — maps a logical plan to physical operators (map_plan.cpp) and defines how
// they run: pull-based, one row at a time, over rows with one slot per plan variable.
//
// May call: planner, function, storage, value, base.
//
// Operators by family (one header + source each):
//   physical_scan       Argument, NodeScan (all nodes / by label, pushed-down predicates)
//   physical_expand     Expand / ExpandInto (direction, types, relationship isomorphism)
//   physical_filter     Filter
//   physical_projection Projection, Unwind, ProduceResults
//   physical_aggregate  Aggregate (hash grouping, DISTINCT aggregates)
//   physical_sort       Sort, Top, Eager
//   physical_limit      Skip, Limit, Distinct
//   physical_update     Create, Set, Remove, Delete (+ finish_statement)
//   physical_var_expand VarExpand (trails of min..max relationships; a bound list is followed;
//                       quantified path pattern steps and group variables)
//   physical_shortest_path ShortestPath (bidirectional BFS, or a length-ordered search when
//                       predicates constrain the path; shortest_path_search)
//   adjacency_walk      the adjacency walk (direction, types, property map, deleted rels)
//                       shared by Expand, VarExpand and ShortestPath
//   physical_optional   Optional (OPTIONAL MATCH: re-runs its inner plan per row, null-pads)
//   physical_merge      Merge (match branch, else create branch, per row, reading own writes)
//   physical_union      Union (children in turn)
//   physical_call       ProcedureCall
//   physical_apply      Apply / SubqueryForeach (CALL { }), TransactionApply /
//                       TransactionForeach (IN TRANSACTIONS, batch commits), Foreach
//   expression_evaluator  Cypher expression semantics (three-valued logic, runtime errors)
//   pattern_matcher     pattern predicates, EXISTS { }, pattern comprehensions (backtracking)
//
// Promises:
//   1. the physical plan is immutable; all run state is in OperatorState objects and the
//      ExecutionContext (physical_operator.h, invariants 1-3);
//   2. within one MATCH, no relationship is bound twice in a row (relationship isomorphism,
//      including every relationship of a variable-length part); across MATCH clauses
//      relationships may repeat;
//   5. an operator with an inner plan (Optional, Merge) builds a fresh state for it per outer
//      row; the inner Argument leaf passes the current row through unchanged.
//   3. update counters follow Neo4j's ResultSummary rules (physical_update.cpp);
//   4. entities deleted by the running statement read as EntityNotFound (DeletedEntityAccess),
//      except type()/id() which Neo4j still answers.
#pragma once

#include <memory>
#include <string>

#include "executor/physical_operator.h"
#include "planner/logical_operator.h"

namespace quiver::executor {

// Logical -> physical. The physical operators refer to the logical plan's expressions, so the
// logical plan must outlive the physical one (main/ keeps both in a PreparedQuery).
PhysicalOpPtr map_plan(const planner::LogicalOperator& root);

// Multi-line description of a physical plan (EXPLAIN).
std::string explain(const PhysicalOperator& root);

}  // namespace quiver::executor
