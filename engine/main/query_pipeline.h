// quiver::main — the one pipeline function: parse → bind → plan → optimize → map → execute.
//
// A PreparedQuery owns the logical plan and the physical operators that refer to it; it holds
// no run state, so it can be executed any number of times (style.md habit 5). It may keep one
// finished run's reset operator states for the next run (ParkedStates): a cache, never read by
// a run that did not take it.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "executor/execution_context.h"
#include "executor/physical_operator.h"
#include "executor/query_guard.h"
#include "optimizer/optimizer.h"
#include "planner/logical_operator.h"
#include "quiver/database.h"

namespace quiver::storage {
class GraphTxn;
}

namespace quiver::main {

enum class StatementPrefix : uint8_t { None, Explain, Profile };

struct SchemaCommand;

// One run's context, state tree and row. A finished run parks them with its plan (the tree
// reset by PhysicalOperator::reset_tree, the row cleared, the context restarted by the next
// run), and the plan's next run takes them instead of making new ones.
struct RunKit {
    RunKit(storage::GraphTxn& t, const ValueMap& p) : ctx(t, p) {}
    executor::ExecutionContext ctx;  // before state: the states are destroyed first
    std::unique_ptr<executor::OperatorState> state;  // null: the next run makes a tree
    executor::StateList states;                        // `state` in pre-order, when usable
    executor::Row row;
};

// At most one RunKit is parked per plan; it is taken and given back without a lock (runs of
// one cached plan may be on several threads; the others make their own).
class ParkedRun {
public:
    ParkedRun() = default;
    ParkedRun(const ParkedRun&) = delete;
    ParkedRun& operator=(const ParkedRun&) = delete;
    ~ParkedRun() { delete p_.load(); }
    std::unique_ptr<RunKit> take() const { return std::unique_ptr<RunKit>(p_.exchange(nullptr)); }
    void give(std::unique_ptr<RunKit> kit) const {
        std::unique_ptr<RunKit> old(p_.exchange(kit.release()));
    }

private:
    mutable std::atomic<RunKit*> p_{nullptr};
};

struct PreparedQuery {
    StatementPrefix prefix = StatementPrefix::None;
    std::shared_ptr<const SchemaCommand> schema;  // set for schema commands (no plan)
    planner::LogicalPlan plan;
    executor::PhysicalOpPtr root;
    // PROFILE: the logical operator counted by each ExecutionContext::profile_rows slot.
    std::vector<const planner::LogicalOperator*> profiled_ops;
    std::vector<executor::PhysicalOpPtr> subplans;
    std::vector<Notification> notifications;  // main/notifications.h
    ParkedRun parked;                         // run state, not plan: reused by QueryRun
    bool has_updates() const;
    // A schema command, or a plan calling a SCHEMA-mode procedure: cached plans go stale.
    bool changes_schema() const;
    std::string_view query_type() const;  // "r", "w", "rw", "s"
};

struct QueryOutput {
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows;  // materialised (NodeObj/RelObj) values
    QuerySummary summary;
};

// Parses and binds only (no store access): tells whether the query writes.
struct ParsedAndBound;
std::shared_ptr<ParsedAndBound> analyse(std::string_view query);
bool analysed_has_updates(const ParsedAndBound& a);
// Contains CALL { } IN TRANSACTIONS (allowed in auto-commit statements only).
bool analysed_in_transactions(const ParsedAndBound& a);

struct CountRead;

// Throws ParameterMissing unless every name is in `params` (EXPLAIN plans without them).
void check_parameters(const std::vector<std::string>& names, StatementPrefix prefix,
                      const ValueMap& params);

// Plans against the statistics of `txn`, checks the parameters, optimizes and maps. Consumes
// the bound statement of `analysed`. `counts_read` receives the store counts the planner read.
std::unique_ptr<PreparedQuery> prepare(std::shared_ptr<ParsedAndBound> analysed,
                                       storage::GraphTxn& txn, const ValueMap& params,
                                       const optimizer::OptimizerOptions& options = {},
                                       std::vector<CountRead>* counts_read = nullptr);

// One execution of an ordinary (not EXPLAIN, not schema) prepared query: pulls result rows on
// demand and writes the statement's summary to `summary` when the last row has been pulled.
// `q`, `txn`, `params`, `summary`, `guard` and `dbms` must outlive it. `guard` carries the
// transaction's timeout, cancellation and memory tracker (null: unlimited).
class QueryRun {
public:
    QueryRun(const PreparedQuery& q, storage::GraphTxn& txn, const ValueMap& params,
             QuerySummary& summary, executor::QueryGuard* guard,
             executor::BatchTransactions* batches = nullptr,
             function::DbmsContext* dbms = nullptr);
    ~QueryRun();
    // The next materialised row; false once the statement has finished (its summary written).
    bool next(std::vector<Value>& out);
    // The transaction ends with the statement (auto-commit): the pages its reads hold stay
    // held, for the next reader that takes over its state (GraphStore::begin_read).
    void transaction_ends_with_statement() { keep_pages_ = true; }
    // The parameters now live in `params` (equal to the ones given): operators copy the values
    // they evaluate, so nothing refers into the old ones.
    void rebind_params(const ValueMap& params) {
        if (kit_) ctx_.params = &params;
    }

private:
    void finish();
    const PreparedQuery& q_;
    storage::GraphTxn& txn_;
    std::unique_ptr<RunKit> kit_;      // null once parked (after finish)
    executor::ExecutionContext& ctx_;  // kit_->ctx, used only until finish() parks it
    uint64_t hits0_;
    bool done_ = false;
    bool keep_pages_ = false;
    QuerySummary& summary_;
};

// Runs to completion inside `txn` (the caller commits or rolls back). The buffered rows are
// tracked by the guard's memory tracker while they are collected. With `batches` (auto-commit
// only), CALL { } IN TRANSACTIONS commits its batches through it, replacing the transaction:
// the caller then commits or rolls back the one `batches` holds last. `dbms`: the database's
// settings, live transactions and plan cache, for DBMS procedures (null outside a Database).
QueryOutput execute(const PreparedQuery& q, storage::GraphTxn& txn, const ValueMap& params,
                    executor::QueryGuard* guard = nullptr,
                    executor::BatchTransactions* batches = nullptr,
                    function::DbmsContext* dbms = nullptr);

// Neo4j's plain EXPLAIN or a schema command: no operator runs.
bool runs_plan(const PreparedQuery& q);

// Converts entity references into materialised NodeObj/RelObj/PathObj values.
Value materialise(const Value& v, storage::GraphTxn& txn);

}  // namespace quiver::main
