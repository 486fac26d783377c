#include "executor/physical_var_expand.h"

#include <fmt/format.h>

#include <algorithm>

#include "executor/adjacency_walk.h"
#include "executor/expression_evaluator.h"
#include "storage/graph/graph_txn.h"
#include "value/value_ops.h"

namespace quiver::executor {

namespace {

struct Frame {
    int64_t node = 0;
    bool leaf = false;  // at max depth: no further expansion
    storage::ExpandCursor cursor;
};

struct VarExpandState final : OperatorState {
    bool active = false;
    bool pending_zero = false;  // the zero-length match of the current start node is due
    int64_t start = 0;
    // stack[k] (k < top) expands from the end node of the first k rels; frames above top are
    // kept for reuse (their cursors' buffers), so a step deeper allocates nothing.
    std::vector<Frame> stack;
    size_t top = 0;
    Frame& push(int64_t node, bool leaf) {
        if (top == stack.size()) stack.emplace_back();
        Frame& f = stack[top++];
        f.node = node;
        f.leaf = leaf;
        return f;
    }
    std::vector<int64_t> rels;
    AdjacencyWalk walk;                  // the (first) relationship of the pattern
    std::vector<AdjacencyWalk> more;     // the further relationships of a quantified path pattern
    // The walk for the relationship after `depth` relationships of the trail.
    const AdjacencyWalk& walk_at(size_t depth, bool reverse) const {
        if (more.empty()) return walk;  // a plain variable-length relationship: no division
        size_t hops = 1 + more.size();
        size_t p = depth % hops;
        size_t h = reverse ? hops - 1 - p : p;
        return h == 0 ? walk : more[h - 1];
    }
};

planner::ExpandDirection expansion_direction(parser::PatternDirection d, bool reverse) {
    if (d == parser::PatternDirection::Both) return planner::ExpandDirection::Both;
    bool out = (d == parser::PatternDirection::Right) != reverse;
    return out ? planner::ExpandDirection::Outgoing : planner::ExpandDirection::Incoming;
}

}  // namespace

std::unique_ptr<OperatorState> PhysicalVarExpand::make_state(ExecutionContext&) const {
    return std::make_unique<VarExpandState>();
}

bool PhysicalVarExpand::reset_state(OperatorState& st) const {
    auto& s = static_cast<VarExpandState&>(st);
    s.active = false;
    s.pending_zero = false;
    s.start = 0;
    for (Frame& f : s.stack) f.cursor.reset();  // the frames stay for the next run's walk
    s.top = 0;
    s.rels.clear();
    s.walk.reset();
    for (AdjacencyWalk& w : s.more) w.reset();
    return true;
}

// Trail semantics: not yet on the trail, nor bound by another relationship of the MATCH. Runs
// for every adjacency entry walked: inline, and a plain loop over the (short) trail.
[[gnu::always_inline]] inline bool PhysicalVarExpand::fresh(const Row& row, const std::vector<int64_t>& rels,
                                                            int64_t rel) const {
    for (int64_t r : rels)
        if (r == rel) return false;
    return op_.distinct_from.empty() || !rel_bound_in(row, op_.distinct_from, rel);
}

// One iteration of a quantified path pattern: its hops() + 1 nodes and hops() relationships in
// expansion order; the singleton variables take the pattern's orientation.
bool PhysicalVarExpand::step_ok(ExecutionContext& ctx, Row& row, std::vector<int64_t> nodes,
                                std::vector<int64_t> rels) const {
    const auto& st = *op_.step;
    if (op_.reverse) {
        std::reverse(nodes.begin(), nodes.end());
        std::reverse(rels.begin(), rels.end());
    }
    row[st.left] = Value::node_ref(nodes[0]);
    row[st.rel] = Value::rel_ref(rels[0]);
    row[st.right] = Value::node_ref(nodes[1]);
    for (size_t k = 0; k < st.more.size(); ++k) {
        row[st.more[k].rel] = Value::rel_ref(rels[k + 1]);
        row[st.more[k].node] = Value::node_ref(nodes[k + 2]);
    }
    return all_true(st.predicates, row, ctx);
}

// The group variables: per iteration, in pattern order, its nodes (and, for longer chains, its
// relationships). `nodes` / `rels`: the whole trail in expansion order.
void PhysicalVarExpand::write_groups(std::vector<int64_t> nodes, std::vector<int64_t> rels, Row& row) const {
    const auto& st = *op_.step;
    if (op_.reverse) {
        std::reverse(nodes.begin(), nodes.end());
        std::reverse(rels.begin(), rels.end());
    }
    const size_t hops = st.hops();
    const size_t n = rels.size() / hops;
    auto node_list = [&](size_t at) {
        ValueList l;
        for (size_t i = 0; i < n; ++i) l.push_back(Value::node_ref(nodes[i * hops + at]));
        return Value::list(std::move(l));
    };
    auto rel_list = [&](size_t at) {
        ValueList l;
        for (size_t i = 0; i < n; ++i) l.push_back(Value::rel_ref(rels[i * hops + at]));
        return Value::list(std::move(l));
    };
    row[st.left_group] = node_list(0);
    row[st.right_group] = node_list(1);
    if (st.rel_group != binder::kNoVar) row[st.rel_group] = rel_list(0);
    for (size_t k = 0; k < st.more.size(); ++k) {
        row[st.more[k].rel_group] = rel_list(k + 1);
        row[st.more[k].node_group] = node_list(k + 2);
    }
}

// Evaluates the inline property map into `walk`; false when it is null (nothing can match).
bool PhysicalVarExpand::inline_properties(ExecutionContext& ctx, Row& row, AdjacencyWalk& walk) const {
    walk.clear_properties();
    if (!op_.rel_properties) return true;
    Value m = evaluate(*op_.rel_properties, row, ctx);
    if (m.is_null()) return false;
    if (m.is_map()) walk.require_properties(m.as_map());
    return true;
}

// The relationship variable holds a list bound earlier: the row qualifies when those
// relationships form a trail from `from` (in pattern order) matching direction, types, range
// and properties.
bool PhysicalVarExpand::follow_bound(ExecutionContext& ctx, Row& row) const {
    const Value& list = row[op_.rel];
    if (!list.is_list()) return false;
    ValueList rels = list.as_list();
    if (op_.reverse) std::reverse(rels.begin(), rels.end());
    int64_t n = int64_t(rels.size());
    if (n < op_.min_hops || (op_.max_hops >= 0 && n > op_.max_hops)) return false;
    AdjacencyWalk walk;
    if (!inline_properties(ctx, row, walk)) return false;
    int64_t at = row[op_.from].node_id();
    std::vector<int64_t> seen;
    for (const Value& r : rels) {
        if (!r.is_rel()) return false;
        int64_t id = r.rel_id();
        if (!ctx.txn->rel_exists(id) || !walk.usable(ctx, id) || !fresh(row, seen, id)) return false;
        storage::RelRecord rec = ctx.txn->rel(id);
        if (!op_.types.empty()) {
            const std::string& t = ctx.txn->rel_type_name(rec.type);
            if (std::find(op_.types.begin(), op_.types.end(), t) == op_.types.end()) return false;
        }
        bool out_ok = rec.start == at, in_ok = rec.end == at;
        if (op_.direction == planner::ExpandDirection::Outgoing && !out_ok) return false;
        if (op_.direction == planner::ExpandDirection::Incoming && !in_ok) return false;
        if (!out_ok && !in_ok) return false;
        at = out_ok ? rec.end : rec.start;
        seen.push_back(id);
    }
    if (op_.into) {
        const Value& to = row[op_.to];
        return to.is_node() && to.node_id() == at;
    }
    row[op_.to] = Value::node_ref(at);
    return true;
}

// The trails next() would produce, counted without writing their lists: the same depth-first
// walk, where a trail at the maximum length is counted without a frame of its own. A bound
// relationship list, a bound end node or a quantified path pattern makes the rows and counts
// them.
int64_t PhysicalVarExpand::count_rows(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<VarExpandState&>(st);
    if (op_.rel_bound || op_.into || op_.step || s.active) return PhysicalOperator::count_rows(ctx, st, row);
    int64_t n = 0;
    storage::AdjEntry e;
    while (pull(ctx, st, row)) {
        int64_t from;
        if (!expansion_start(row[op_.from], from)) continue;
        const bool any_type = s.walk.prepare(ctx, op_.direction, op_.types);
        if (!inline_properties(ctx, row, s.walk)) continue;
        if (op_.min_hops == 0) ++n;  // the zero-length trail
        if (!any_type || op_.max_hops == 0) continue;
        s.rels.clear();
        s.top = 0;
        s.walk.open_into(ctx, s.push(from, false).cursor, from);
        while (s.top > 0) {
            if (!s.walk.next(ctx, s.stack[s.top - 1].cursor, e)) {
                --s.top;
                if (!s.rels.empty()) s.rels.pop_back();
                continue;
            }
            if (!fresh(row, s.rels, e.rel)) continue;
            const int64_t depth = int64_t(s.rels.size()) + 1;
            if (depth >= op_.min_hops) ++n;
            if (op_.max_hops >= 0 && depth >= op_.max_hops) continue;
            s.rels.push_back(e.rel);
            s.walk.open_into(ctx, s.push(e.neighbor, false).cursor, e.neighbor);
        }
    }
    return n;
}

bool PhysicalVarExpand::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<VarExpandState&>(st);
    if (op_.rel_bound) {
        while (pull(ctx, st, row)) {
            const Value& from = row[op_.from];
            if (!from.is_node()) continue;
            if (follow_bound(ctx, row)) return true;
        }
        return false;
    }
    const size_t hops = op_.step ? op_.step->hops() : 1;
    auto emit = [&](int64_t end) {
        if (op_.into) {
            const Value& to = row[op_.to];
            if (!to.is_node() || to.node_id() != end) return false;
        }
        // the list of the previous row is refilled when nothing downstream kept it
        Value& slot = row[op_.rel];
        ValueList* reuse = slot.unique_list_items();
        ValueList fresh_list;
        ValueList& list = reuse ? *reuse : fresh_list;
        const size_t n = s.rels.size();
        list.resize(n);
        for (size_t i = 0; i < n; ++i) list[i].set_rel_ref(s.rels[op_.reverse ? n - 1 - i : i]);
        if (!reuse) slot = Value::list(std::move(fresh_list));
        if (!op_.into) row[op_.to] = Value::node_ref(end);
        if (op_.step) {
            std::vector<int64_t> nodes;  // stack[i].node: the node after i relationships
            for (size_t i = 0; i < s.top; ++i) nodes.push_back(s.stack[i].node);
            if (nodes.empty()) nodes.push_back(s.start);
            write_groups(std::move(nodes), s.rels, row);
        }
        return true;
    };
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row)) return false;
            int64_t from;
            if (!expansion_start(row[op_.from], from)) continue;
            bool any_type = s.walk.prepare(ctx, op_.direction, op_.types);
            if (op_.step) {
                s.more.resize(op_.step->more.size());
                for (size_t k = 0; k < s.more.size(); ++k) {
                    const auto& h = op_.step->more[k];
                    if (!s.more[k].prepare(ctx, expansion_direction(h.direction, op_.reverse), h.types))
                        any_type = false;
                }
            }
            if (!inline_properties(ctx, row, s.walk)) continue;
            s.start = from;
            s.rels.clear();
            s.top = 0;
            s.pending_zero = op_.min_hops == 0;
            if (any_type && op_.max_hops != 0) {
                Frame& f = s.push(s.start, false);
                s.walk_at(0, op_.reverse).open_into(ctx, f.cursor, s.start);
            }
            s.active = true;
        }
        if (s.pending_zero) {
            s.pending_zero = false;
            if (emit(s.start)) return true;
        }
        while (s.top > 0) {
            Frame& top = s.stack[s.top - 1];
            storage::AdjEntry e;
            if (top.leaf || !s.walk_at(s.top - 1, op_.reverse).next(ctx, top.cursor, e)) {
                --s.top;
                if (!s.rels.empty()) s.rels.pop_back();
                continue;
            }
            if (!fresh(row, s.rels, e.rel)) continue;
            if (op_.step && (s.rels.size() + 1) % hops == 0) {  // an iteration is complete
                std::vector<int64_t> nodes, rels;
                for (size_t i = s.top - hops; i < s.top; ++i) nodes.push_back(s.stack[i].node);
                nodes.push_back(e.neighbor);
                rels.assign(s.rels.end() - int64_t(hops - 1), s.rels.end());
                rels.push_back(e.rel);
                if (!step_ok(ctx, row, std::move(nodes), std::move(rels))) continue;
            }
            s.rels.push_back(e.rel);
            const int64_t depth = int64_t(s.rels.size());
            const bool leaf = op_.max_hops >= 0 && depth >= op_.max_hops * int64_t(hops);
            Frame& f = s.push(e.neighbor, leaf);
            if (!leaf) s.walk_at(s.rels.size(), op_.reverse).open_into(ctx, f.cursor, e.neighbor);
            const bool whole = hops == 1 || depth % int64_t(hops) == 0;  // complete iterations
            if (whole && (hops == 1 ? depth : depth / int64_t(hops)) >= op_.min_hops && emit(e.neighbor))
                return true;
        }
        s.active = false;
    }
}

}  // namespace quiver::executor
