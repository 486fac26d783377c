// quiver::executor — the one adjacency walk behind Expand, VarLengthExpand and ShortestPath:
// the relationships of a node in a direction, restricted to types and an inline property map,
// skipping relationships deleted by this statement.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "executor/execution_context.h"
#include "planner/logical_expand.h"
#include "storage/graph/graph_txn.h"

namespace quiver::executor {

storage::Direction storage_direction(planner::ExpandDirection d);

[[noreturn]] void not_a_start_node(const Value& v);  // the TypeError below

// The node id of the start value of an expansion: false for null (no rows), a TypeError for
// anything but a node.
inline bool expansion_start(const Value& v, int64_t& node) {
    if (v.is_node()) {
        node = v.node_id();
        return true;
    }
    if (v.is_null()) return false;
    not_a_start_node(v);
}

bool rel_bound_in_list(const Value& list, int64_t rel);

// True when `rel` is bound in one of `vars` of the row, as a relationship or inside a list of
// them (relationship uniqueness within a MATCH). Inline: it runs for every expanded row.
inline bool rel_bound_in(const Row& row, const std::vector<VarId>& vars, int64_t rel) {
    for (VarId v : vars) {
        const Value& other = row[v];
        if (other.is_rel()) {
            if (other.rel_id() == rel) return true;
        } else if (other.is_list() && rel_bound_in_list(other, rel)) {
            return true;
        }
    }
    return false;
}

class AdjacencyWalk {
public:
    // Resolves the type names for this statement. False when no relationship can match (every
    // named type is unknown). Cheap when called again with the same (fully resolved) names.
    bool prepare(ExecutionContext& ctx, planner::ExpandDirection dir,
                 const std::vector<std::string>& types) {
        // Once every name has resolved, the tokens stay valid for the statement: no lookups.
        if (resolved_for_ == &types && resolved_dir_ == dir) return true;
        return resolve(ctx, dir, types);
    }
    // Every relationship must also carry these properties (an inline map of the pattern).
    void require_properties(ValueMap props);
    void clear_properties() { has_props_ = false; }
    // Back to a new walk's state (run-state reuse): no properties, and nothing resolved unless
    // every name resolved in a read snapshot (a committed token keeps its id for good; one a
    // write transaction made may still roll back).
    void reset() {
        if (!resolved_committed_) {
            types_.clear();
            resolved_for_ = nullptr;
        }
        props_.clear();
        has_props_ = false;
    }

    storage::ExpandCursor open(ExecutionContext& ctx, int64_t node) const;
    // Reopens `c` on `node` (reusing its buffers).
    void open_into(ExecutionContext& ctx, storage::ExpandCursor& c, int64_t node) const {
        ctx.txn->expand_into(c, node, dir_, types_);
    }
    // The next qualifying entry of `c`.
    bool next(ExecutionContext& ctx, storage::ExpandCursor& c, storage::AdjEntry& e) const {
        while (c.next(e)) {
            ctx.guard->check();  // timeouts and cancellation reach every expansion loop here
            if ((!has_props_ && ctx.deleted_rels.empty()) || usable(ctx, e.rel)) return true;
        }
        return false;
    }
    // How many entries next() would still return, consuming them, when no entry needs a test
    // (no property map, nothing deleted by the statement); -1, consuming nothing, otherwise.
    int64_t count_rest(ExecutionContext& ctx, storage::ExpandCursor& c) const {
        if (has_props_ || !ctx.deleted_rels.empty()) return -1;
        ctx.guard->check();
        return int64_t(c.count_rest());
    }
    // Whether one relationship (reached some other way) passes the deletion and property tests.
    bool usable(ExecutionContext& ctx, int64_t rel) const;

private:
    bool resolve(ExecutionContext& ctx, planner::ExpandDirection dir,
                 const std::vector<std::string>& types);
    storage::Direction dir_ = storage::Direction::Both;
    std::vector<storage::TokenId> types_;
    // The type names types_ fully resolves (prepare() is then a no-op for them).
    const std::vector<std::string>* resolved_for_ = nullptr;
    planner::ExpandDirection resolved_dir_ = planner::ExpandDirection::Both;
    bool resolved_committed_ = false;  // resolved_for_ was resolved in a read snapshot
    ValueMap props_;
    bool has_props_ = false;
};

}  // namespace quiver::executor
