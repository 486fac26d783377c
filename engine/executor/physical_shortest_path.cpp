#include "executor/physical_shortest_path.h"

#include "base/error.h"
#include "executor/adjacency_walk.h"
#include "executor/expression_evaluator.h"
#include "executor/shortest_path_search.h"

namespace quiver::executor {

namespace {

struct ShortestState final : OperatorState {
    std::vector<FoundPath> found;
    size_t next = 0;
};

planner::ExpandDirection reversed(planner::ExpandDirection d) {
    switch (d) {
        case planner::ExpandDirection::Outgoing: return planner::ExpandDirection::Incoming;
        case planner::ExpandDirection::Incoming: return planner::ExpandDirection::Outgoing;
        case planner::ExpandDirection::Both: return planner::ExpandDirection::Both;
    }
    return d;
}


}  // namespace

std::unique_ptr<OperatorState> PhysicalShortestPath::make_state(ExecutionContext&) const {
    return std::make_unique<ShortestState>();
}

bool PhysicalShortestPath::reset_state(OperatorState& st) const {
    auto& s = static_cast<ShortestState&>(st);
    s.found.clear();
    s.next = 0;
    return true;
}

void PhysicalShortestPath::write(const FoundPath& p, Row& row) const {
    if (op_.rel_is_list) {
        ValueList rels;
        rels.reserve(p.rels.size());
        for (int64_t r : p.rels) rels.push_back(Value::rel_ref(r));
        row[op_.rel] = Value::list(std::move(rels));
    } else {
        row[op_.rel] = p.rels.empty() ? Value() : Value::rel_ref(p.rels[0]);
    }
    if (op_.path == binder::kNoVar) return;
    auto* path = new PathObj();
    for (int64_t n : p.nodes) path->nodes.push_back(Value::node_ref(n));
    for (int64_t r : p.rels) path->rels.push_back(Value::rel_ref(r));
    row[op_.path] = Value::path(path);
}

bool PhysicalShortestPath::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<ShortestState&>(st);
    for (;;) {
        if (s.next < s.found.size()) {
            write(s.found[s.next++], row);
            return true;
        }
        if (!pull(ctx, st, row)) return false;
        s.found.clear();
        s.next = 0;
        int64_t from, to;
        if (!expansion_start(row[op_.from], from) || !expansion_start(row[op_.to], to)) continue;
        auto accept = [&](const FoundPath& p) {
            write(p, row);
            return all_true(op_.predicates, row, ctx);
        };
        if (from == to && !op_.selector) {
            if (op_.min_hops > 0) shortest_path_common_nodes();
            FoundPath zero;
            zero.nodes.push_back(from);
            if (accept(zero)) s.found.push_back(std::move(zero));
            continue;
        }
        AdjacencyWalk forward, backward;
        if (!forward.prepare(ctx, op_.direction, op_.types)) {
            // No relationship can match: only the empty path remains.
            if (from == to && op_.min_hops == 0) s.found.push_back(FoundPath{{from}, {}});
            continue;
        }
        backward.prepare(ctx, reversed(op_.direction), op_.types);
        if (op_.rel_properties) {
            Value m = evaluate(*op_.rel_properties, row, ctx);
            if (m.is_null()) continue;
            if (m.is_map()) {
                forward.require_properties(m.as_map());
                backward.require_properties(m.as_map());
            }
        }
        // Breadth-first from both ends finds the shortest length; other quotas, predicates and
        // cycles back to the start need the length-ordered trail search.
        if (op_.predicates.empty() && from != to && op_.count == 1) {
            s.found = bidirectional_shortest(ctx, forward, backward, from, to, op_.max_hops, op_.all);
        } else {
            PathQuota quota{op_.count, op_.all};
            s.found = shortest_by_length(ctx, forward, from, to, op_.min_hops, op_.max_hops, quota,
                                         accept);
        }
    }
}

}  // namespace quiver::executor
