// MERGE binding: the pattern is bound once as a match, then reused as a create.
#include <fmt/format.h>

#include <algorithm>

#include "binder/binder_internal.h"

namespace quiver::binder {

void Binder::bind_merge(const parser::ParsedMergeClause& c) {
    out_.has_updates = true;
    const parser::ParsedPatternPart& part = c.pattern;
    if (!part.path_function.empty())
        semantic_error("InvalidArgumentType", "shortestPath cannot be used in MERGE", part.pos);
    // Checks that MATCH binding does not make.
    for (const auto& n : part.nodes) {
        if (n.properties && n.properties->kind == parser::ParsedExprKind::Parameter)
            semantic_error("InvalidParameterUse",
                           "Parameter maps cannot be used in MERGE patterns (use a literal map "
                           "instead, e.g. {id: $param.id})",
                           n.properties->pos);
        if (n.where) not_supported("Inline WHERE in MERGE", n.where->pos);
        if (n.label_expr)
            semantic_error("InvalidLabelExpression",
                           "Label expressions in patterns are not allowed in a MERGE clause, but "
                           "only in a MATCH clause and in expressions",
                           n.pos);
        if (n.variable.empty() || !scope_.find(n.variable)) continue;
        if (part.rels.empty() || !n.labels.empty() || n.properties)
            semantic_error("VariableAlreadyBound",
                           fmt::format("Can't create node `{}` with labels or properties here. The "
                                       "variable is already declared in this context",
                                       n.variable),
                           n.pos);
    }
    for (const auto& r : part.rels) {
        if (r.properties && r.properties->kind == parser::ParsedExprKind::Parameter)
            semantic_error("InvalidParameterUse",
                           "Parameter maps cannot be used in MERGE patterns (use a literal map "
                           "instead, e.g. {id: $param.id})",
                           r.properties->pos);
        if (r.var_length)
            semantic_error("CreatingVarLength",
                           "Variable length relationships cannot be used in MERGE", r.pos);
        if (!r.variable.empty() && scope_.find(r.variable))
            semantic_error("VariableAlreadyBound",
                           fmt::format("Can't create relationship `{}`: the variable is already "
                                       "declared in this context",
                                       r.variable),
                           r.pos);
        if (r.types.size() != 1)
            semantic_error("NoSingleRelationshipType",
                           "A single relationship type must be specified for MERGE", r.pos);
        if (r.where) not_supported("Inline WHERE in MERGE", r.where->pos);
    }
    if (!part.path_variable.empty() && scope_.find(part.path_variable))
        semantic_error("VariableAlreadyBound",
                       fmt::format("Variable `{}` already declared", part.path_variable), part.pos);

    auto mg = std::make_unique<BoundMergeClause>();
    std::vector<VarId> before;
    for (const auto& [name, v] : scope_.entries) before.push_back(v);
    auto was_bound = [&](VarId v) { return std::find(before.begin(), before.end(), v) != before.end(); };

    ExprContext ctx;
    ctx.clause = "MERGE";
    mg->match = std::make_unique<BoundMatchClause>();
    for (VarId v : before) mg->match->bound_before.push_back(v);
    std::vector<VarId> rels_here;
    bind_match_part(part, *mg->match, ctx, rels_here);

    // The create side: the same variables, properties bound again.
    auto cr = std::make_unique<BoundCreateClause>();
    const BoundPatternPart& bp = mg->match->parts.back();
    std::vector<VarId> seq;
    for (size_t i = 0; i < part.nodes.size(); ++i) {
        const auto& pn = part.nodes[i];
        VarId v = bp.nodes[i].var;
        bool seen = std::any_of(cr->nodes.begin(), cr->nodes.end(),
                                [&](const BoundCreateNode& x) { return x.var == v; });
        if (!seen) {
            BoundCreateNode bn;
            bn.var = v;
            bn.is_new = !was_bound(v);
            if (bn.is_new) {
                bn.labels = pn.labels;
                if (pn.properties) {
                    bn.properties = bind_expr(*pn.properties, ctx);
                    std::string what = "(";
                    for (const auto& l : pn.labels) what += ":" + l;
                    mg->null_checks.emplace_back(what + ")", bind_expr(*pn.properties, ctx));
                }
            }
            cr->nodes.push_back(std::move(bn));
        }
        seq.push_back(v);
        if (i == part.rels.size()) break;
        const auto& pr = part.rels[i];
        BoundCreateRel br;
        br.var = bp.rels[i].var;
        bool left = pr.direction == parser::PatternDirection::Left;
        br.from = left ? bp.nodes[i + 1].var : v;
        br.to = left ? v : bp.nodes[i + 1].var;
        br.type = pr.types[0];
        if (pr.properties) {
            br.properties = bind_expr(*pr.properties, ctx);
            mg->null_checks.emplace_back("[:" + pr.types[0] + "]", bind_expr(*pr.properties, ctx));
        }
        seq.push_back(br.var);
        cr->rels.push_back(std::move(br));
    }
    if (bp.path_var != kNoVar) cr->paths.emplace_back(bp.path_var, std::move(seq));
    mg->create = std::move(cr);
    if (!c.on_match.empty()) mg->on_match = bind_set_items(c.on_match);
    if (!c.on_create.empty()) mg->on_create = bind_set_items(c.on_create);
    out_.clauses.push_back(std::move(mg));
}

}  // namespace quiver::binder
