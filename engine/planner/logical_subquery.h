#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

// CALL { } subquery. children[0]: the outer input; children[1]: the subquery, re-started for
// every outer row (its Argument leaf passes the outer row through).
//   Apply              a returning subquery: the outer row joined with each inner row
//                      (`return_vars` copied from the inner row); no inner row, no output row,
//                      unless `optional` (OPTIONAL CALL: one row with `return_vars` null);
//   SubqueryForeach    a unit subquery: the inner rows are consumed, the outer row passes once;
//   TransactionApply / TransactionForeach
//                      the same per batch of `batch_size` outer rows (null: 1000), each batch
//                      committed in its own transaction; `on_error` decides what a failed
//                      batch does; `status_var` receives the REPORT STATUS map.
struct LogicalSubqueryCall final : LogicalOperator {
    LogicalSubqueryCall() : LogicalOperator(LogicalOpKind::SubqueryCall) {}
    bool unit = false;
    bool optional = false;
    std::vector<VarId> return_vars;
    bool in_transactions = false;
    BoundExprPtr batch_size;
    // IN [n] CONCURRENT TRANSACTIONS: Quiver has one writer, so the batches run one after
    // the other (a valid order of Neo4j's concurrent semantics); `concurrency` is validated.
    bool concurrent = false;
    BoundExprPtr concurrency;
    binder::OnErrorMode on_error = binder::OnErrorMode::Fail;
    VarId status_var = binder::kNoVar;
    std::string operator_name() const;
    std::string describe() const override;
};

// FOREACH (var IN list | ...): children[1] (the update clauses over an Argument) runs once per
// element of `list` with the element in `var`; the outer row passes on unchanged. A null list
// runs nothing; any other non-list value raises a TypeError.
struct LogicalForeach final : LogicalOperator {
    LogicalForeach() : LogicalOperator(LogicalOpKind::Foreach) {}
    BoundExprPtr list;
    VarId var = binder::kNoVar;
    std::string describe() const override;
};

}  // namespace quiver::planner
