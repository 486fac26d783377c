// quiver::executor — the run state of one query execution (never part of the plan).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "executor/query_guard.h"
#include "function/function.h"
#include "quiver/database.h"
#include "value/value.h"

namespace quiver::storage {
class GraphTxn;
}

namespace quiver::executor {

class PhysicalOperator;
struct ExecutionContext;
struct OperatorState;

// The reset state trees of the statement's subquery expressions (EXISTS / COUNT / COLLECT { }),
// one per subplan: an evaluation takes its subplan's tree and gives it back reset, so a
// subquery evaluated for every row makes its states once per statement.
class SubplanStates {
public:
    SubplanStates();
    SubplanStates(const SubplanStates&) = delete;
    SubplanStates& operator=(const SubplanStates&) = delete;
    ~SubplanStates();
    std::unique_ptr<OperatorState> take(size_t subplan);  // null when none is kept
    void give(size_t subplan, std::unique_ptr<OperatorState> st);

private:
    std::vector<std::unique_ptr<OperatorState>> states_;
};

// CALL { } IN TRANSACTIONS in an auto-commit statement: ends the current transaction (commit or
// rollback) and starts the next one, pointing the context at it (main/ implements it; it is
// null in explicit transactions).
class BatchTransactions {
public:
    virtual ~BatchTransactions() = default;
    virtual void commit_and_restart(ExecutionContext& ctx) = 0;
    virtual void rollback_and_restart(ExecutionContext& ctx) = 0;
    virtual std::string transaction_id() const = 0;  // of the current transaction
};

using Row = std::vector<Value>;  // one slot per VarId of the plan
using VarId = uint32_t;

// PROFILE counters of one operator.
struct OperatorProfile {
    int64_t rows = 0;
    uint64_t db_hits = 0, page_hits = 0, page_misses = 0, time_ns = 0;
};

struct ExecutionContext {
    storage::GraphTxn* txn = nullptr;
    const ValueMap* params = nullptr;
    function::FunctionContext fctx;
    QueryStats stats;
    // Entities deleted by this statement: reading them raises EntityNotFound.
    std::unordered_set<int64_t> deleted_nodes, deleted_rels;
    // DELETE (without DETACH) of a node that still had relationships: checked at the end of the
    // statement, when its relationships may have been deleted by later rows.
    std::vector<int64_t> pending_node_deletes;
    function::DeletedEntities deleted_info;  // type/labels of deleted entities
    // Physical plans of the statement's subquery expressions (LogicalPlan::subplans).
    const std::vector<std::unique_ptr<PhysicalOperator>>* subplans = nullptr;
    SubplanStates subplan_states;
    // PROFILE: what each profiled operator did, its children included (PhysicalProfiled
    // slots); main/ subtracts the children to get each operator's own share.
    std::vector<OperatorProfile> profile;
    // Timeout, cancellation and memory tracking: the transaction's guard when main/ sets one,
    // else this statement's own unlimited one.
    QueryGuard own_guard;
    QueryGuard* guard = &own_guard;
    MemoryTracker* memory() { return &guard->memory(); }
    BatchTransactions* batches = nullptr;
    // Property-key tokens this statement has looked up by name (node_property/rel_property):
    // a few recent ones, so a per-row property read skips the name lookup. Only keys that
    // exist are kept; forgotten with the transaction.
    struct KeyToken {
        std::string name;
        uint32_t token = 0;
    };
    std::vector<KeyToken> key_tokens;
    // The same per property-access expression of this statement's plan (alive as long as the
    // context): a row's property read finds its token by the expression's address.
    std::vector<std::pair<const void*, uint32_t>> expr_key_tokens;
    // Operator states made by PhysicalOperator::init_state in this context, ever (not reset by
    // restart): tells a StateList whether the tree it lists has changed shape.
    uint64_t states_made = 0;

    // The value of parameter `name`; null when the statement was not given it.
    const Value* parameter(const std::string& name) const { return map_find(*params, name); }

    void set_txn(storage::GraphTxn& t) {
        txn = &t;
        fctx.txn = &t;
        key_tokens.clear();
        expr_key_tokens.clear();
    }

    ExecutionContext(storage::GraphTxn& t, const ValueMap& p) : txn(&t), params(&p) {
        fctx.txn = &t;
        fctx.deleted = &deleted_info;
        fctx.stats = &stats;
    }
    // A context kept from an earlier run of the same plan, made as good as new for the next
    // statement. Its subquery states stay: they were given back reset.
    void restart(storage::GraphTxn& t, const ValueMap& p) {
        set_txn(t);
        params = &p;
        fctx.statement_now_nanos = 0;
        fctx.dbms = nullptr;
        stats = QueryStats{};
        if (!deleted_nodes.empty()) deleted_nodes.clear();
        if (!deleted_rels.empty()) deleted_rels.clear();
        pending_node_deletes.clear();
        if (!deleted_info.rel_types.empty()) deleted_info.rel_types.clear();
        if (!deleted_info.node_labels.empty()) deleted_info.node_labels.clear();
        profile.clear();
        if (guard == &own_guard)
            own_guard = QueryGuard();  // the last run used it: as new
        else
            guard = &own_guard;  // untouched since it was last made new
        batches = nullptr;
    }
    ExecutionContext(const ExecutionContext&) = delete;  // `guard` may point into it
    ExecutionContext& operator=(const ExecutionContext&) = delete;
};

}  // namespace quiver::executor
