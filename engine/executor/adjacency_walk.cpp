#include "executor/adjacency_walk.h"

#include <fmt/format.h>

#include "base/error.h"
#include "executor/expression_evaluator.h"
#include "value/value_ops.h"

namespace quiver::executor {

storage::Direction storage_direction(planner::ExpandDirection d) {
    switch (d) {
        case planner::ExpandDirection::Outgoing: return storage::Direction::Outgoing;
        case planner::ExpandDirection::Incoming: return storage::Direction::Incoming;
        case planner::ExpandDirection::Both: return storage::Direction::Both;
    }
    return storage::Direction::Both;
}

void not_a_start_node(const Value& v) {
    throw QuiverError(std::string(status::TypeError),
                      fmt::format("Expected a node but was {}", kind_name(v.kind())),
                      "InvalidArgumentType", ErrorPhase::Runtime);
}

bool rel_bound_in_list(const Value& list, int64_t rel) {
    for (const Value& o : list.as_list())
        if (o.is_rel() && o.rel_id() == rel) return true;
    return false;
}

bool AdjacencyWalk::resolve(ExecutionContext& ctx, planner::ExpandDirection dir,
                            const std::vector<std::string>& types) {
    dir_ = storage_direction(dir);
    types_.clear();
    bool any = types.empty();
    for (const auto& t : types) {
        if (auto tok = ctx.txn->find_rel_type(t)) {
            types_.push_back(*tok);
            any = true;
        }
    }
    bool all = types_.size() == types.size();
    resolved_for_ = all ? &types : nullptr;
    resolved_dir_ = dir;
    resolved_committed_ = all && !ctx.txn->is_write();
    return any;
}

void AdjacencyWalk::require_properties(ValueMap props) {
    props_ = std::move(props);
    has_props_ = true;
}

storage::ExpandCursor AdjacencyWalk::open(ExecutionContext& ctx, int64_t node) const {
    return ctx.txn->expand(node, dir_, types_);
}

bool AdjacencyWalk::usable(ExecutionContext& ctx, int64_t rel) const {
    if (!ctx.deleted_rels.empty() && ctx.deleted_rels.count(rel)) return false;
    if (has_props_)
        for (const auto& [key, want] : props_)
            if (cypher_equals(rel_property(ctx, rel, key), want) != Tri::True) return false;
    return true;
}


}  // namespace quiver::executor
