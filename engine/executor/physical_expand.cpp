#include "executor/physical_expand.h"

#include <fmt/format.h>

#include "executor/expression_evaluator.h"
#include "storage/graph/graph_txn.h"

namespace quiver::executor {

namespace {
struct ExpandState final : OperatorState {
    bool active = false;
    storage::ExpandCursor cursor;
    std::vector<storage::TokenId> types;
};

storage::Direction to_storage(planner::ExpandDirection d) {
    switch (d) {
        case planner::ExpandDirection::Outgoing: return storage::Direction::Outgoing;
        case planner::ExpandDirection::Incoming: return storage::Direction::Incoming;
        case planner::ExpandDirection::Both: return storage::Direction::Both;
    }
    return storage::Direction::Both;
}
}  // namespace

std::unique_ptr<OperatorState> PhysicalExpand::make_state(ExecutionContext&) const {
    return std::make_unique<ExpandState>();
}

bool PhysicalExpand::qualifies(const Row& row, int64_t rel, int64_t neighbor) const {
    if (op_.into) {
        const Value& to = row[op_.to];
        if (!to.is_node() || to.node_id() != neighbor) return false;
    }
    if (op_.rel_bound) {
        const Value& r = row[op_.rel];
        if (!r.is_rel() || r.rel_id() != rel) return false;
    }
    for (VarId v : op_.distinct_from) {
        const Value& other = row[v];
        if (other.is_rel() && other.rel_id() == rel) return false;
        if (other.is_list())
            for (const Value& o : other.as_list())
                if (o.is_rel() && o.rel_id() == rel) return false;
    }
    return true;
}

bool PhysicalExpand::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<ExpandState&>(st);
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row)) return false;
            const Value& from = row[op_.from];
            if (from.is_null()) continue;
            if (!from.is_node())
                throw QuiverError(std::string(status::TypeError),
                                  fmt::format("Expected a node but was {}", kind_name(from.kind())),
                                  "InvalidArgumentType", ErrorPhase::Runtime);
            s.types.clear();
            bool any_type = op_.types.empty();
            for (const auto& t : op_.types) {
                if (auto tok = ctx.txn->find_rel_type(t)) {
                    s.types.push_back(*tok);
                    any_type = true;
                }
            }
            if (!any_type) continue;  // none of the types exists
            s.cursor = ctx.txn->expand(from.node_id(), to_storage(op_.direction), s.types);
            s.active = true;
        }
        storage::AdjEntry e;
        while (s.cursor.next(e)) {
            ctx.guard->check();
            if (!ctx.deleted_rels.empty() && ctx.deleted_rels.count(e.rel)) continue;
            if (!qualifies(row, e.rel, e.neighbor)) continue;
            if (!op_.rel_bound) row[op_.rel] = Value::rel_ref(e.rel);
            if (!op_.into) row[op_.to] = Value::node_ref(e.neighbor);
            if (all_true(op_.predicates, row, ctx)) return true;
        }
        s.active = false;
    }
}

}  // namespace quiver::executor
