#include "executor/shortest_path_expression.h"

#include "executor/adjacency_walk.h"
#include "executor/expression_evaluator.h"
#include "executor/shortest_path_search.h"

namespace quiver::executor {

namespace {

planner::ExpandDirection forward_direction(parser::PatternDirection d) {
    switch (d) {
        case parser::PatternDirection::Right: return planner::ExpandDirection::Outgoing;
        case parser::PatternDirection::Left: return planner::ExpandDirection::Incoming;
        case parser::PatternDirection::Both: break;
    }
    return planner::ExpandDirection::Both;
}

planner::ExpandDirection backward_direction(parser::PatternDirection d) {
    switch (d) {
        case parser::PatternDirection::Right: return planner::ExpandDirection::Incoming;
        case parser::PatternDirection::Left: return planner::ExpandDirection::Outgoing;
        case parser::PatternDirection::Both: break;
    }
    return planner::ExpandDirection::Both;
}

Value path_value(const FoundPath& p) {
    auto* path = new PathObj();
    for (int64_t n : p.nodes) path->nodes.push_back(Value::node_ref(n));
    for (int64_t r : p.rels) path->rels.push_back(Value::rel_ref(r));
    return Value::path(path);
}

}  // namespace

Value eval_shortest_path(const binder::BoundExpression& e, Row& row, ExecutionContext& ctx) {
    const auto& spec = *e.shortest;
    auto answer = [&](const std::vector<FoundPath>& found) {
        if (!spec.all) return found.empty() ? Value() : path_value(found[0]);
        ValueList paths;
        for (const auto& p : found) paths.push_back(path_value(p));
        return Value::list(std::move(paths));
    };
    Value a = evaluate(*e.children[0], row, ctx);
    Value b = evaluate(*e.children[1], row, ctx);
    int64_t from, to;
    if (!expansion_start(a, from) || !expansion_start(b, to)) return Value();
    if (from == to) {
        if (spec.min_hops > 0) shortest_path_common_nodes();
        return answer({FoundPath{{from}, {}}});
    }
    AdjacencyWalk forward, backward;
    if (!forward.prepare(ctx, forward_direction(spec.direction), e.keys)) return answer({});
    backward.prepare(ctx, backward_direction(spec.direction), e.keys);
    if (e.has_map) {
        Value m = evaluate(*e.children[2], row, ctx);
        if (m.is_null()) return answer({});
        if (m.is_map()) {
            forward.require_properties(m.as_map());
            backward.require_properties(m.as_map());
        }
    }
    return answer(bidirectional_shortest(ctx, forward, backward, from, to, spec.max_hops, spec.all));
}

}  // namespace quiver::executor
