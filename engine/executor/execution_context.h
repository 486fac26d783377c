// quiver::executor — the run state of one query execution (never part of the plan).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "function/function.h"
#include "quiver/database.h"
#include "value/value.h"

namespace quiver::storage {
class GraphTxn;
}

namespace quiver::executor {

class PhysicalOperator;
struct ExecutionContext;

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
    // PROFILE: rows produced per profiled operator (PhysicalProfiled slots).
    std::vector<int64_t> profile_rows;
    BatchTransactions* batches = nullptr;

    void set_txn(storage::GraphTxn& t) {
        txn = &t;
        fctx.txn = &t;
    }

    ExecutionContext(storage::GraphTxn& t, const ValueMap& p) : txn(&t), params(&p) {
        fctx.txn = &t;
        fctx.deleted = &deleted_info;
    }
};

}  // namespace quiver::executor
