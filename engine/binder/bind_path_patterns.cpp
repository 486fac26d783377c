// Rules of path patterns in MATCH: shortestPath(...) / allShortestPaths(...) restrictions, and
// no mixing of variable-length and quantified relationships; shortestPath(...) as an expression.
#include <fmt/format.h>

#include <algorithm>

#include "binder/binder_internal.h"

namespace quiver::binder {

namespace {

ShortestKind check_shortest(const std::string& fn, const parser::ParsedPatternPart& part,
                            SourcePosition pos, const Scope& scope) {
    if (part.rels.size() != 1)
        semantic_error("InvalidArgumentType",
                       fmt::format("{}(...) requires a pattern containing a single relationship", fn),
                       pos);
    const auto& r = part.rels[0];
    if (r.var_length && r.min_hops.value_or(1) > 1)
        semantic_error("InvalidArgumentType",
                       fmt::format("{}(...) does not support a minimal length different from 0 or 1",
                                   fn),
                       r.pos);
    if (r.quantified)
        semantic_error("InvalidArgumentType",
                       fmt::format("{}(...) requires a variable-length relationship; quantified "
                                   "relationships and path patterns are not allowed in it",
                                   fn),
                       r.pos);
    if (r.type_expr) not_supported(fn + "(...) with type expressions other than A|B", r.pos);
    if (!r.variable.empty() && scope.find(r.variable))
        semantic_error("VariableAlreadyBound",
                       fmt::format("Bound relationships are not allowed in {}(...)", fn), r.pos);
    return fn == "shortestPath" ? ShortestKind::Single : ShortestKind::All;
}

}  // namespace

ShortestKind check_shortest_path(const parser::ParsedPatternPart& part, const Scope& scope) {
    return check_shortest(part.path_function, part, part.pos, scope);
}

ShortestKind check_path_selector(const parser::ParsedPatternPart& part) {
    if (part.rels.size() != 1 || !part.rels[0].var_length || part.rels[0].qpp)
        not_supported(part.selector +
                          " over anything but one variable-length or quantified relationship "
                          "without inner predicates",
                      part.pos);
    if (part.rels[0].type_expr) not_supported(part.selector + " with type expressions other than A|B", part.pos);
    if (part.selector == "ALL SHORTEST") return ShortestKind::All;
    if (part.selector == "SHORTEST GROUPS") return ShortestKind::Groups;
    return ShortestKind::Single;
}

void check_quantifier_mix(const std::vector<parser::ParsedPatternPart>& pattern) {
    if (pattern.size() > 1)
        for (const auto& part : pattern)
            if (!part.selector.empty())
                semantic_error("InvalidArgumentType",
                               "Multiple path patterns cannot be used in the same clause in "
                               "combination with a selective path selector.",
                               part.pos);
    const parser::ParsedRelPattern* legacy = nullptr;
    bool quantified = false;
    for (const auto& part : pattern)
        for (const auto& r : part.rels) {
            if (r.quantified) quantified = true;
            else if (r.var_length && !legacy) legacy = &r;
        }
    if (quantified && legacy)
        semantic_error("InvalidRelationshipPattern",
                       "Mixing variable-length relationships ('-[*]-') with quantified "
                       "relationships ('()-->*()') or quantified path patterns ('(()-->())*') is "
                       "not allowed.",
                       legacy->pos);
}

// shortestPath((a)-[*]-(b)) in an expression: the path between the two bound nodes, or null;
// allShortestPaths(...) gives the list of every shortest path. Like any pattern expression it
// may not introduce variables.
BoundExprPtr Binder::bind_shortest_path_expr(const parser::ParsedExpression& e, const ExprContext& ctx) {
    std::string fn = e.name;
    std::transform(fn.begin(), fn.end(), fn.begin(), ::tolower);
    fn = fn == "shortestpath" ? "shortestPath" : "allShortestPaths";
    if (e.children.size() != 1 || e.children[0]->kind != parser::ParsedExprKind::PatternPredicate ||
        !e.children[0]->pattern || e.children[0]->pattern->size() != 1)
        semantic_error("InvalidArgumentType",
                       fmt::format("{}(...) requires a pattern containing a single relationship", fn),
                       e.pos);
    const parser::ParsedPatternPart& part = (*e.children[0]->pattern)[0];
    ShortestKind kind = check_shortest(fn, part, e.pos, scope_);
    const auto& r = part.rels[0];
    // Neo4j refuses unbound ends outside MATCH: an anonymous end node, or a name not yet
    // defined.
    for (const auto* n : {&part.nodes[0], &part.nodes[1]})
        if (n->variable.empty())
            semantic_error("*",
                           fmt::format("A {}(...) requires bound nodes when not part of a MATCH "
                                       "clause.",
                                       fn),
                           e.pos);
    auto ends = [&](const parser::ParsedNodePattern& n) {
        const VarId* v = scope_.find(n.variable);
        if (!v)
            semantic_error("UndefinedVariable", fmt::format("Variable `{}` not defined", n.variable),
                           n.pos);
        if (!n.labels.empty() || n.label_expr || n.properties || n.where)
            not_supported(fn + "(...) as an expression with labels or properties on its end nodes",
                          n.pos);
        if (info(*v).kind != VarKind::Node && info(*v).type != StaticType::Node &&
            info(*v).type != StaticType::Any)
            semantic_error("InvalidArgumentType",
                           fmt::format("Type mismatch: expected Node but was {}",
                                       static_type_name(info(*v).type)),
                           n.pos);
        return make_variable(*v, StaticType::Node, n.pos);
    };
    if (!r.variable.empty())
        semantic_error("UndefinedVariable", fmt::format("Variable `{}` not defined", r.variable),
                       r.pos);
    if (r.where) not_supported("Inline WHERE in relationship patterns", r.where->pos);
    auto out = std::make_unique<BoundExpression>(BoundExprKind::ShortestPath, e.pos);
    out->type = kind == ShortestKind::All ? StaticType::List : StaticType::Path;
    out->children.push_back(ends(part.nodes[0]));
    out->children.push_back(ends(part.nodes[1]));
    if (r.properties) {
        out->children.push_back(bind_expr(*r.properties, ctx));
        out->has_map = true;
    }
    out->keys = r.types;
    auto spec = std::make_shared<ShortestPathSpec>();
    spec->direction = r.direction;
    spec->all = kind == ShortestKind::All;
    if (r.var_length) {
        spec->min_hops = r.min_hops.value_or(1);
        spec->max_hops = r.max_hops.value_or(-1);
    } else {
        spec->max_hops = 1;
    }
    out->shortest = std::move(spec);
    return out;
}

}  // namespace quiver::binder
