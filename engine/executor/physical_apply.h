#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_subquery.h"

namespace quiver::executor {

// Apply / SubqueryForeach (CALL { } without IN TRANSACTIONS): children[0] the outer input,
// children[1] the subquery, run with a fresh state on a copy of each outer row (so blocking
// inner operators cannot disturb the outer slots); only the returned variables are copied back.
class PhysicalApply final : public PhysicalOperator {
public:
    explicit PhysicalApply(const planner::LogicalSubqueryCall& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;

private:
    const planner::LogicalSubqueryCall& op_;
};

// TransactionApply / TransactionForeach (CALL { } IN TRANSACTIONS): takes the outer rows in
// batches, runs the subquery for each row of a batch, then commits the batch and starts a new
// transaction (ExecutionContext::batches). A failed batch is rolled back; ON ERROR FAIL fails
// the statement (earlier batches stay committed), CONTINUE goes on with the next batch, BREAK
// stops running the subquery; the failed (and skipped) rows come out with null returns.
class PhysicalTransactionApply final : public PhysicalOperator {
public:
    explicit PhysicalTransactionApply(const planner::LogicalSubqueryCall& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;

private:
    void run_batch(ExecutionContext& ctx, OperatorState& st, std::vector<Row>& outer) const;
    const planner::LogicalSubqueryCall& op_;
};

// Foreach: for each outer row, runs children[1] once per list element (element in the loop
// variable's slot of a row copy); passes the outer row on unchanged.
class PhysicalForeach final : public PhysicalOperator {
public:
    explicit PhysicalForeach(const planner::LogicalForeach& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

private:
    const planner::LogicalForeach& op_;
};

}  // namespace quiver::executor
