// Quantified path patterns ((a)-[r]->(b)-[s]->(c) ... WHERE ...){m,n} and quantified
// relationships with an inline WHERE: singleton variables inside, group (list) variables outside.
#include <fmt/format.h>

#include "binder/binder_internal.h"

namespace quiver::binder {

namespace {

BoundExprPtr has_label(VarId v, const std::string& label, SourcePosition pos) {
    auto e = std::make_unique<BoundExpression>(BoundExprKind::LabelCheck, pos);
    e->type = StaticType::Bool;
    e->keys.push_back(label);
    e->children.push_back(make_variable(v, StaticType::Node, pos));
    return e;
}

// {k: e, ...} on a singleton: v.k = e for each entry.
void property_equalities(VarId v, StaticType t, BoundExprPtr map, std::vector<BoundExprPtr>& out) {
    if (!map) return;
    if (map->kind != BoundExprKind::Map) {
        auto m = std::make_unique<BoundExpression>(BoundExprKind::PropertiesMatch, map->pos);
        m->type = StaticType::Bool;
        m->children.push_back(make_variable(v, t));
        m->children.push_back(std::move(map));
        out.push_back(std::move(m));
        return;
    }
    for (size_t i = 0; i < map->keys.size(); ++i) {
        auto p = std::make_unique<BoundExpression>(BoundExprKind::Property, map->pos);
        p->name = map->keys[i];
        p->children.push_back(make_variable(v, t));
        auto eq = make_binary(parser::BinaryOp::Eq, std::move(p), std::move(map->children[i]));
        eq->type = StaticType::Bool;
        out.push_back(std::move(eq));
    }
}

}  // namespace

BoundRelPattern Binder::bind_quantified(const parser::ParsedRelPattern& pr, const ExprContext& ctx) {
    const auto& q = *pr.qpp;
    BoundRelPattern br;
    br.pos = pr.pos;
    br.types = pr.types;
    br.direction = pr.direction;
    br.var_length = true;
    br.min_hops = pr.min_hops.value_or(1);
    br.max_hops = pr.max_hops.value_or(-1);
    auto step = std::make_shared<BoundQuantifiedStep>();

    // Names declared inside must be new to the query and to the pattern.
    std::vector<std::string> names;
    auto declare = [&](const std::string& name, SourcePosition pos) {
        if (name.empty()) return;
        if (scope_.find(name) || std::find(names.begin(), names.end(), name) != names.end())
            semantic_error("VariableAlreadyBound",
                           fmt::format("The variable `{}` is already defined; variables of a "
                                       "quantified path pattern must be new",
                                       name),
                           pos);
        names.push_back(name);
    };
    declare(q.left.variable, q.left.pos);
    declare(pr.variable, pr.pos);
    declare(q.right.variable, q.right.pos);
    for (size_t k = 0; k < q.more_rels.size(); ++k) {
        declare(q.more_rels[k].variable, q.more_rels[k].pos);
        declare(q.more_nodes[k].variable, q.more_nodes[k].pos);
    }

    step->left = new_var("", VarKind::Node, StaticType::Node);
    step->rel = new_var("", VarKind::Relationship, StaticType::Relationship);
    step->right = new_var("", VarKind::Node, StaticType::Node);
    size_t mark = scope_.entries.size();
    if (!q.left.variable.empty()) scope_.add(q.left.variable, step->left);
    if (!pr.variable.empty()) scope_.add(pr.variable, step->rel);
    if (!q.right.variable.empty()) scope_.add(q.right.variable, step->right);
    for (size_t k = 0; k < q.more_rels.size(); ++k) {
        const auto& mr = q.more_rels[k];
        const auto& mn = q.more_nodes[k];
        BoundQuantifiedHop hop;
        hop.rel = new_var("", VarKind::Relationship, StaticType::Relationship);
        hop.node = new_var("", VarKind::Node, StaticType::Node);
        hop.types = mr.types;
        hop.direction = mr.direction;
        if (!mr.variable.empty()) scope_.add(mr.variable, hop.rel);
        if (!mn.variable.empty()) scope_.add(mn.variable, hop.node);
        step->more.push_back(std::move(hop));
    }

    ExprContext inner = ctx;
    inner.allow_patterns = true;
    auto& preds = step->predicates;
    auto node_rules = [&](const parser::ParsedNodePattern& n, VarId v) {
        for (const auto& l : n.labels) preds.push_back(has_label(v, l, n.pos));
        if (n.label_expr)
            preds.push_back(make_label_predicate(*n.label_expr, [&] {
                return make_variable(v, StaticType::Node, n.pos);
            }));
        if (n.properties) property_equalities(v, StaticType::Node, bind_expr(*n.properties, inner), preds);
        if (n.where) preds.push_back(bind_expr(*n.where, inner));
    };
    node_rules(q.left, step->left);
    node_rules(q.right, step->right);
    if (pr.type_expr)
        preds.push_back(make_label_predicate(*pr.type_expr, [&] {
            return make_variable(step->rel, StaticType::Relationship, pr.pos);
        }));
    if (pr.properties) br.properties = bind_expr(*pr.properties, ctx);
    if (pr.where) preds.push_back(bind_expr(*pr.where, inner));
    for (size_t k = 0; k < q.more_rels.size(); ++k) {
        const auto& mr = q.more_rels[k];
        VarId rv = step->more[k].rel;
        node_rules(q.more_nodes[k], step->more[k].node);
        if (mr.type_expr)
            preds.push_back(make_label_predicate(*mr.type_expr, [&] {
                return make_variable(rv, StaticType::Relationship, mr.pos);
            }));
        if (mr.properties)
            property_equalities(rv, StaticType::Relationship, bind_expr(*mr.properties, inner), preds);
        if (mr.where) preds.push_back(bind_expr(*mr.where, inner));
    }
    if (q.where) {
        auto w = bind_expr(*q.where, inner);
        check_boolean_operand(*w, "WHERE");
        preds.push_back(std::move(w));
    }
    scope_.entries.resize(mark);

    // Outside: group variables.
    auto group = [&](const std::string& name) {
        VarId g = new_var(name, VarKind::Value, StaticType::List);
        if (!name.empty()) scope_.add(name, g);
        return g;
    };
    step->left_group = group(q.left.variable);
    if (q.more_rels.empty()) {
        br.var = group(pr.variable);
    } else {  // the flat relationship list of the match, for the path and trail checks
        br.var = new_var("", VarKind::Value, StaticType::List);
        step->rel_group = group(pr.variable);
    }
    step->right_group = group(q.right.variable);
    for (size_t k = 0; k < q.more_rels.size(); ++k) {
        step->more[k].rel_group = group(q.more_rels[k].variable);
        step->more[k].node_group = group(q.more_nodes[k].variable);
    }
    br.step = std::move(step);
    return br;
}

}  // namespace quiver::binder
