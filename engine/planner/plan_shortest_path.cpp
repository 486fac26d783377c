// Path planning beyond plain expansion: shortestPath(...) / allShortestPaths(...) as a
// ShortestPath operator over rows in which both end nodes are bound (plan_match.cpp scans
// unbound end nodes first), and the steps of quantified path patterns.
#include <fmt/format.h>

#include "base/error.h"

#include "planner/logical_expand.h"
#include "planner/planner_internal.h"

namespace quiver::planner {

void Planner::plan_shortest_path(binder::BoundPatternPart& part, std::vector<BoundExprPtr> on_path) {
    auto& r = part.rels[0];
    auto op = std::make_unique<LogicalShortestPath>();
    op->from = part.nodes[0].var;
    op->to = part.nodes[1].var;
    op->rel = r.var;
    op->path = part.path_var;
    op->direction = r.direction == parser::PatternDirection::Both    ? ExpandDirection::Both
                    : r.direction == parser::PatternDirection::Right ? ExpandDirection::Outgoing
                                                                     : ExpandDirection::Incoming;
    op->types = r.types;
    op->rel_is_list = r.var_length;
    op->min_hops = r.var_length ? r.min_hops : 1;
    op->max_hops = r.var_length ? r.max_hops : 1;
    op->all = part.shortest != binder::ShortestKind::Single;
    op->count = part.shortest == binder::ShortestKind::All ? 1 : part.shortest_count;
    op->selector = part.selector;
    op->rel_properties = std::move(r.properties);
    if (op->rel_properties) note_reads(*op->rel_properties);
    for (const auto& p : on_path) note_reads(*p);
    op->predicates = std::move(on_path);
    for (const auto& t : r.types) reads_.rel_types.insert(t);
    if (r.types.empty()) reads_.all_rel_types = true;
    reads_.any_scan = true;
    if (op->all) card_ *= 2;
    bound_.insert(op->rel);
    if (op->path != binder::kNoVar) bound_.insert(op->path);
    push(std::move(op));
}

// Quantified path patterns ride on VarLengthExpand: the step predicates and group variables.
void Planner::quantified_step(LogicalVarExpand& x, std::shared_ptr<binder::BoundQuantifiedStep> step) {
    auto singleton = [&](VarId v) {
        if (v == step->left || v == step->rel || v == step->right) return true;
        for (const auto& h : step->more)
            if (v == h.rel || v == h.node) return true;
        return false;
    };
    for (const auto& h : step->more) {
        for (const auto& t : h.types) reads_.rel_types.insert(t);
        if (h.types.empty()) reads_.all_rel_types = true;
    }
    for (const auto& p : step->predicates) {
        note_reads(*p);
        // Each iteration is checked during the expansion: what else it reads must be bound by then.
        std::vector<VarId> vars;
        p->collect_variables(vars);
        for (VarId v : vars)
            if (!singleton(v) && !bound_.count(v))
                throw QuiverError(std::string(status::SyntaxError),
                                  "Predicates of a quantified path pattern that refer to variables "
                                  "matched later in the same pattern are not supported yet",
                                  "*", ErrorPhase::CompileTime, p->pos);
    }
    bound_.insert(step->left_group);
    bound_.insert(step->right_group);
    if (step->rel_group != binder::kNoVar) bound_.insert(step->rel_group);
    for (const auto& h : step->more) {
        bound_.insert(h.rel_group);
        bound_.insert(h.node_group);
    }
    x.step = std::move(step);
}

std::string LogicalShortestPath::describe() const {
    const char* l = direction == ExpandDirection::Incoming ? "<-" : "-";
    const char* rr = direction == ExpandDirection::Outgoing ? "->" : "-";
    std::string types_s;
    for (size_t i = 0; i < types.size(); ++i) types_s += (i ? "|" : ":") + types[i];
    std::string range;
    if (rel_is_list)
        range = max_hops < 0 ? fmt::format("*{}..", min_hops) : fmt::format("*{}..{}", min_hops, max_hops);
    std::string kind = all ? "AllShortestPaths" : "ShortestPath";
    if (selector) kind = all ? fmt::format("SHORTEST {} GROUPS ", count) : fmt::format("SHORTEST {} ", count);
    std::string s = fmt::format("{}(v{}){}[v{}{}{}]{}(v{})", kind, from, l, rel, types_s, range, rr, to);
    if (path != binder::kNoVar) s = fmt::format("v{} = {}", path, s);
    if (rel_properties) s += " {" + rel_properties->describe() + "}";
    for (size_t i = 0; i < predicates.size(); ++i)
        s += (i ? " AND " : " WHERE ") + predicates[i]->describe();
    return s;
}

}  // namespace quiver::planner
