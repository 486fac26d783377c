// quiver::executor — the run state of one query execution (never part of the plan).
#pragma once

#include <cstdint>
#include <memory>
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

    ExecutionContext(storage::GraphTxn& t, const ValueMap& p) : txn(&t), params(&p) {
        fctx.txn = &t;
        fctx.deleted = &deleted_info;
    }
};

}  // namespace quiver::executor
