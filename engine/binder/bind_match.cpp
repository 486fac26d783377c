// MATCH and UNWIND binding.
#include <fmt/format.h>

#include <algorithm>

#include "binder/binder_internal.h"

namespace quiver::binder {

namespace {

const char* kind_text(VarKind k) {
    switch (k) {
        case VarKind::Node: return "Node";
        case VarKind::Relationship: return "Relationship";
        case VarKind::Path: return "Path";
        case VarKind::Value: return "Any";
    }
    return "Any";
}

}  // namespace

VarId Binder::bind_pattern_node(const parser::ParsedNodePattern& n,
                                std::vector<BoundExprPtr>& preds) {
    VarId v;
    if (n.variable.empty()) {
        v = new_var("", VarKind::Node, StaticType::Node);
    } else if (const VarId* found = scope_.find(n.variable)) {
        v = *found;
        const auto& vi = info(v);
        bool ok = vi.kind == VarKind::Node ||
                  (vi.kind == VarKind::Value &&
                   (vi.type == StaticType::Any || vi.type == StaticType::Null));
        if (!ok)
            semantic_error("VariableTypeConflict",
                           fmt::format("Type mismatch: `{}` defined with conflicting type {} (expected Node)",
                                       n.variable, vi.kind == VarKind::Value
                                                       ? static_type_name(vi.type)
                                                       : kind_text(vi.kind)),
                           n.pos);
    } else {
        v = new_var(n.variable, VarKind::Node, StaticType::Node);
        scope_.add(n.variable, v);
    }
    if (n.where) not_supported("Inline WHERE in node patterns", n.where->pos);
    if (n.label_expr)
        preds.push_back(make_label_predicate(*n.label_expr, [&] {
            return make_variable(v, StaticType::Node, n.pos);
        }));
    return v;
}

void Binder::bind_match(const parser::ParsedMatchClause& c) {
    auto m = std::make_unique<BoundMatchClause>();
    m->optional = c.optional;
    ExprContext ctx;
    ctx.clause = "MATCH";
    bind_match_pattern(c.pattern, *m, ctx);
    if (c.where) {
        ctx.allow_patterns = true;
        auto w = bind_expr(*c.where, ctx);
        check_boolean_operand(*w, "WHERE");
        split_conjuncts(std::move(w), m->predicates);
    }
    bind_hints(c.hints, *m);
    out_.clauses.push_back(std::move(m));
}

void Binder::bind_match_pattern(const std::vector<parser::ParsedPatternPart>& pattern,
                                BoundMatchClause& mc, const ExprContext& ctx) {
    for (const auto& [name, v] : scope_.entries) mc.bound_before.push_back(v);
    check_quantifier_mix(pattern);
    std::vector<VarId> rels_here;
    for (const auto& part : pattern) bind_match_part(part, mc, ctx, rels_here);
}

void Binder::bind_match_part(const parser::ParsedPatternPart& part, BoundMatchClause& mc,
                             const ExprContext& ctx, std::vector<VarId>& rels_here) {
    BoundMatchClause* m = &mc;
    {
        BoundPatternPart bp;
        if (!part.path_function.empty()) bp.shortest = check_shortest_path(part, scope_);
        if (!part.selector.empty()) {
            bp.shortest = check_path_selector(part);
            bp.selector = true;
            bp.shortest_count = part.selector_count;
        }
        for (size_t i = 0; i < part.nodes.size(); ++i) {
            const auto& pn = part.nodes[i];
            BoundNodePattern bn;
            bn.pos = pn.pos;
            bn.var = bind_pattern_node(pn, m->predicates);
            bn.labels = pn.labels;
            if (pn.properties && pn.properties->kind == parser::ParsedExprKind::Parameter)
                semantic_error("InvalidParameterUse",
                               "Parameter maps cannot be used in MATCH patterns (use a literal map "
                               "instead, e.g. {id: $param.id})",
                               pn.properties->pos);
            if (pn.properties) bn.properties = bind_expr(*pn.properties, ctx);
            bp.nodes.push_back(std::move(bn));
            if (i == part.rels.size()) break;
            const auto& pr = part.rels[i];
            if (pr.qpp) {  // bind_quantified.cpp
                bp.rels.push_back(bind_quantified(pr, ctx));
                rels_here.push_back(bp.rels.back().var);
                continue;
            }
            if (pr.where) not_supported("Inline WHERE in relationship patterns", pr.where->pos);
            BoundRelPattern br;
            br.pos = pr.pos;
            br.types = pr.types;
            br.direction = pr.direction;
            br.var_length = pr.var_length;
            if (pr.var_length) {
                br.min_hops = pr.min_hops.value_or(1);
                br.max_hops = pr.max_hops.value_or(-1);
            }
            const VarKind rel_kind = pr.var_length ? VarKind::Value : VarKind::Relationship;
            const StaticType rel_type = pr.var_length ? StaticType::List : StaticType::Relationship;
            if (pr.variable.empty()) {
                br.var = new_var("", rel_kind, rel_type);
            } else if (const VarId* found = scope_.find(pr.variable)) {
                const auto& vi = info(*found);
                bool list_ok = pr.var_length && vi.kind == VarKind::Value &&
                               (vi.type == StaticType::Any || vi.type == StaticType::List);
                if (pr.var_length && !list_ok)
                    semantic_error("VariableTypeConflict",
                                   fmt::format("Type mismatch: `{}` defined with conflicting type {} "
                                               "(expected List<Relationship>)",
                                               pr.variable, kind_text(vi.kind)),
                                   pr.pos);
                if (!list_ok && vi.kind != VarKind::Relationship)
                    semantic_error("VariableTypeConflict",
                                   fmt::format("Type mismatch: `{}` defined with conflicting type {} "
                                               "(expected Relationship)",
                                               pr.variable, kind_text(vi.kind)),
                                   pr.pos);
                if (std::find(rels_here.begin(), rels_here.end(), *found) != rels_here.end())
                    semantic_error("RelationshipUniquenessViolation",
                                   fmt::format("Cannot use the same relationship variable '{}' for "
                                               "multiple relationships",
                                               pr.variable),
                                   pr.pos);
                br.var = *found;
            } else {
                br.var = new_var(pr.variable, rel_kind, rel_type);
                scope_.add(pr.variable, br.var);
            }
            rels_here.push_back(br.var);
            if (pr.type_expr) {
                if (pr.var_length)
                    not_supported("Type expressions other than A|B on variable-length relationships",
                                  pr.pos);
                m->predicates.push_back(make_label_predicate(*pr.type_expr, [&] {
                    return make_variable(br.var, StaticType::Relationship, pr.pos);
                }));
            }
            if (pr.properties && pr.properties->kind == parser::ParsedExprKind::Parameter)
                semantic_error("InvalidParameterUse",
                               "Parameter maps cannot be used in MATCH patterns (use a literal map "
                               "instead, e.g. {id: $param.id})",
                               pr.properties->pos);
            if (pr.properties) br.properties = bind_expr(*pr.properties, ctx);
            bp.rels.push_back(std::move(br));
        }
        if (!part.path_variable.empty()) {
            if (scope_.find(part.path_variable))
                semantic_error("VariableAlreadyBound",
                               fmt::format("Variable `{}` already declared", part.path_variable),
                               part.pos);
            bp.path_var = new_var(part.path_variable, VarKind::Path, StaticType::Path);
            scope_.add(part.path_variable, bp.path_var);
        }
        m->parts.push_back(std::move(bp));
    }
}

void Binder::bind_unwind(const parser::ParsedUnwindClause& c) {
    auto u = std::make_unique<BoundUnwindClause>();
    ExprContext ctx;
    ctx.clause = "UNWIND";
    u->list = bind_expr(*c.list, ctx);
    if (scope_.find(c.alias))
        semantic_error("VariableAlreadyBound", fmt::format("Variable `{}` already declared", c.alias),
                       c.pos);
    u->var = new_var(c.alias, VarKind::Value, StaticType::Any);
    scope_.add(c.alias, u->var);
    out_.clauses.push_back(std::move(u));
}

}  // namespace quiver::binder
