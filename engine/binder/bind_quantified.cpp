// Quantified path patterns ((a)-[r]->(b)-[s]->(c) ... WHERE ...){m,n} and quantified
// relationships with an inline WHERE: singleton variables inside, group (list) variables outside.
#include <fmt/format.h>

#include <algorithm>

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

    step->left = new_var("", VarKind::Node, StaticType::Node);
    step->rel = new_var("", VarKind::Relationship, StaticType::Relationship);
    step->right = new_var("", VarKind::Node, StaticType::Node);
    for (const auto& mr : q.more_rels) {
        BoundQuantifiedHop hop;
        hop.rel = new_var("", VarKind::Relationship, StaticType::Relationship);
        hop.node = new_var("", VarKind::Node, StaticType::Node);
        hop.types = mr.types;
        hop.direction = mr.direction;
        step->more.push_back(std::move(hop));
    }

    // Names declared inside become group variables outside, so they must be new to the query
    // and to the pattern (Neo4j: "Variable `a` already declared"). Inside one iteration a name
    // may repeat: the later element must be the same node (or relationship) as the first.
    // `repeated` lists the later occurrences; they get no group variable of their own.
    struct Declared {
        std::string name;
        VarKind kind;
        VarId var;
    };
    std::vector<Declared> declared;
    std::vector<VarId> repeated;
    std::vector<BoundExprPtr> joins;
    size_t mark = scope_.entries.size();
    auto declare = [&](const std::string& name, VarKind kind, VarId v, SourcePosition pos) {
        if (name.empty()) return;
        auto same = std::find_if(declared.begin(), declared.end(),
                                 [&](const Declared& d) { return d.name == name; });
        if (same == declared.end()) {
            if (scope_.find(name))
                semantic_error("VariableAlreadyBound",
                               fmt::format("Variable `{}` already declared", name), pos);
            declared.push_back({name, kind, v});
            scope_.add(name, v);
            return;
        }
        if (same->kind != kind)
            semantic_error("VariableTypeConflict",
                           fmt::format("Type mismatch: `{}` defined with conflicting type {} "
                                       "(expected {})",
                                       name, same->kind == VarKind::Node ? "Node" : "Relationship",
                                       kind == VarKind::Node ? "Node" : "Relationship"),
                           pos);
        StaticType t = kind == VarKind::Node ? StaticType::Node : StaticType::Relationship;
        auto eq = make_binary(parser::BinaryOp::Eq, make_variable(v, t, pos),
                              make_variable(same->var, t, pos));
        eq->type = StaticType::Bool;
        joins.push_back(std::move(eq));
        repeated.push_back(v);
    };
    declare(q.left.variable, VarKind::Node, step->left, q.left.pos);
    declare(pr.variable, VarKind::Relationship, step->rel, pr.pos);
    declare(q.right.variable, VarKind::Node, step->right, q.right.pos);
    for (size_t k = 0; k < q.more_rels.size(); ++k) {
        declare(q.more_rels[k].variable, VarKind::Relationship, step->more[k].rel,
                q.more_rels[k].pos);
        declare(q.more_nodes[k].variable, VarKind::Node, step->more[k].node, q.more_nodes[k].pos);
    }
    auto is_repeat = [&](VarId v) {
        return std::find(repeated.begin(), repeated.end(), v) != repeated.end();
    };

    ExprContext inner = ctx;
    inner.allow_patterns = true;
    auto& preds = step->predicates;
    for (auto& j : joins) preds.push_back(std::move(j));
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

    // Outside: group variables (one per name, for its first occurrence).
    auto group = [&](const std::string& name, VarId singleton) {
        const bool named = !name.empty() && !is_repeat(singleton);
        VarId g = new_var(named ? name : "", VarKind::Value, StaticType::List);
        if (named) scope_.add(name, g);
        return g;
    };
    step->left_group = group(q.left.variable, step->left);
    if (q.more_rels.empty()) {
        br.var = group(pr.variable, step->rel);
    } else {  // the flat relationship list of the match, for the path and trail checks
        br.var = new_var("", VarKind::Value, StaticType::List);
        step->rel_group = group(pr.variable, step->rel);
    }
    step->right_group = group(q.right.variable, step->right);
    for (size_t k = 0; k < q.more_rels.size(); ++k) {
        step->more[k].rel_group = group(q.more_rels[k].variable, step->more[k].rel);
        step->more[k].node_group = group(q.more_nodes[k].variable, step->more[k].node);
    }
    br.step = std::move(step);
    return br;
}

}  // namespace quiver::binder
