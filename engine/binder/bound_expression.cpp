#include "binder/bound_expression.h"

#include <fmt/format.h>

#include <algorithm>

#include "function/function.h"
#include "value/value_ops.h"

namespace quiver::binder {

const char* static_type_name(StaticType t) {
    switch (t) {
        case StaticType::Any: return "Any";
        case StaticType::Null: return "Null";
        case StaticType::Bool: return "Boolean";
        case StaticType::Int: return "Integer";
        case StaticType::Float: return "Float";
        case StaticType::Number: return "Number";
        case StaticType::String: return "String";
        case StaticType::List: return "List<T>";
        case StaticType::Map: return "Map";
        case StaticType::Node: return "Node";
        case StaticType::Relationship: return "Relationship";
        case StaticType::Path: return "Path";
    }
    return "Any";
}

BoundExprPtr BoundExpression::clone() const {
    auto e = std::make_unique<BoundExpression>(kind, pos);
    e->type = type;
    e->op = op;
    e->quantifier = quantifier;
    e->distinct = distinct;
    e->has_subject = has_subject;
    e->has_else = has_else;
    e->has_from = has_from;
    e->has_to = has_to;
    e->has_where = has_where;
    e->has_map = has_map;
    e->literal = literal;
    e->name = name;
    e->var = var;
    e->var2 = var2;
    e->scalar = scalar;
    e->aggregate = aggregate;
    e->keys = keys;
    e->map_kinds = map_kinds;
    e->subpattern = subpattern;
    e->subquery = subquery;
    e->shortest = shortest;
    for (const auto& c : children) e->children.push_back(c->clone());
    return e;
}

bool BoundExpression::same_as(const BoundExpression& o) const {
    if (kind != o.kind || op != o.op || quantifier != o.quantifier || distinct != o.distinct ||
        has_subject != o.has_subject || has_else != o.has_else || has_from != o.has_from ||
        has_to != o.has_to || has_where != o.has_where || has_map != o.has_map ||
        name != o.name || var != o.var || var2 != o.var2 || scalar != o.scalar ||
        aggregate != o.aggregate || keys != o.keys || map_kinds != o.map_kinds ||
        children.size() != o.children.size() || subpattern != o.subpattern ||
        subquery != o.subquery || shortest != o.shortest)
        return false;
    if (kind == BoundExprKind::Literal &&
        (literal.kind() != o.literal.kind() || !equivalent(literal, o.literal)))
        return false;
    for (size_t i = 0; i < children.size(); ++i)
        if (!children[i]->same_as(*o.children[i])) return false;
    return true;
}

bool BoundExpression::contains_aggregate() const {
    if (kind == BoundExprKind::AggregateCall) return true;
    for (const auto& c : children)
        if (c->contains_aggregate()) return true;
    return false;
}

bool BoundExpression::is_constant() const {
    switch (kind) {
        case BoundExprKind::Variable:
        case BoundExprKind::AggregateCall:
        case BoundExprKind::ListComprehension:
        case BoundExprKind::Quantifier:
        case BoundExprKind::Reduce:
        case BoundExprKind::MapProjection:
        case BoundExprKind::PathBuild:
        case BoundExprKind::PatternMatch:
        case BoundExprKind::ShortestPath:
        case BoundExprKind::Subquery: return false;
        case BoundExprKind::ScalarCall:
            if (!scalar->deterministic) return false;
            break;
        default: break;
    }
    for (const auto& c : children)
        if (!c->is_constant()) return false;
    return true;
}

void BoundExpression::collect_variables(std::vector<VarId>& out) const {
    if (kind == BoundExprKind::Variable || kind == BoundExprKind::MapProjection) out.push_back(var);
    std::vector<VarId> inner;
    if (kind == BoundExprKind::PatternMatch) {
        for (const auto& part : subpattern->parts) {
            for (const auto& n : part.nodes)
                if (n.bound) inner.push_back(n.var);
            for (const auto& r : part.rels)
                if (r.bound) inner.push_back(r.var);
        }
        for (const auto& c : children) c->collect_variables(inner);
        for (VarId v : inner)
            if (std::find(subpattern->locals.begin(), subpattern->locals.end(), v) ==
                subpattern->locals.end())
                out.push_back(v);
        return;
    }
    for (const auto& c : children) c->collect_variables(inner);
    // Variables introduced by the expression itself are not free.
    for (VarId v : inner) {
        bool local = (kind == BoundExprKind::ListComprehension ||
                      kind == BoundExprKind::Quantifier) && v == var;
        local = local || (kind == BoundExprKind::Reduce && (v == var || v == var2));
        if (!local) out.push_back(v);
    }
}

std::string BoundExpression::describe() const {
    auto child = [&](size_t i) { return children[i]->describe(); };
    switch (kind) {
        case BoundExprKind::Literal: return to_literal_string(literal);
        case BoundExprKind::Parameter: return "$" + name;
        case BoundExprKind::Variable: return fmt::format("v{}", var);
        case BoundExprKind::Property: return child(0) + "." + name;
        case BoundExprKind::Index: return child(0) + "[" + child(1) + "]";
        case BoundExprKind::ScalarCall:
        case BoundExprKind::AggregateCall: {
            std::string s = kind == BoundExprKind::ScalarCall ? scalar->name : aggregate->name;
            s += distinct ? "(DISTINCT " : "(";
            if (kind == BoundExprKind::AggregateCall && children.empty()) s += "*";
            for (size_t i = 0; i < children.size(); ++i) s += (i ? ", " : "") + child(i);
            return s + ")";
        }
        case BoundExprKind::Binary:
            return "(" + child(0) + " " + parser::binary_op_text(op) + " " + child(1) + ")";
        case BoundExprKind::Not: return "NOT " + child(0);
        case BoundExprKind::Negate: return "-" + child(0);
        case BoundExprKind::IsNull: return child(0) + " IS NULL";
        case BoundExprKind::IsNotNull: return child(0) + " IS NOT NULL";
        case BoundExprKind::LabelCheck: {
            std::string s = child(0);
            if (name == "%") s += ":%";
            for (const auto& k : keys) s += ":" + k;
            return s;
        }
        case BoundExprKind::List: {
            std::string s = "[";
            for (size_t i = 0; i < children.size(); ++i) s += (i ? ", " : "") + child(i);
            return s + "]";
        }
        case BoundExprKind::Map: {
            std::string s = "{";
            for (size_t i = 0; i < children.size(); ++i)
                s += (i ? ", " : "") + keys[i] + ": " + child(i);
            return s + "}";
        }
        default: return "<expr>";
    }
}

BoundExprPtr make_literal(Value v, SourcePosition pos) {
    auto e = std::make_unique<BoundExpression>(BoundExprKind::Literal, pos);
    switch (v.kind()) {
        case ValueKind::Null: e->type = StaticType::Null; break;
        case ValueKind::Bool: e->type = StaticType::Bool; break;
        case ValueKind::Int: e->type = StaticType::Int; break;
        case ValueKind::Float: e->type = StaticType::Float; break;
        case ValueKind::String: e->type = StaticType::String; break;
        case ValueKind::List: e->type = StaticType::List; break;
        case ValueKind::Map: e->type = StaticType::Map; break;
        default: break;
    }
    e->literal = std::move(v);
    return e;
}

BoundExprPtr make_variable(VarId v, StaticType t, SourcePosition pos) {
    auto e = std::make_unique<BoundExpression>(BoundExprKind::Variable, pos);
    e->var = v;
    e->type = t;
    return e;
}

BoundExprPtr make_binary(parser::BinaryOp op, BoundExprPtr l, BoundExprPtr r) {
    auto e = std::make_unique<BoundExpression>(BoundExprKind::Binary, l->pos);
    e->op = op;
    e->children.push_back(std::move(l));
    e->children.push_back(std::move(r));
    return e;
}

BoundExprPtr make_label_predicate(const parser::ParsedExpression& tree,
                                  const std::function<BoundExprPtr()>& subject) {
    using parser::ParsedExprKind;
    if (tree.kind == ParsedExprKind::Binary) {
        auto b = make_binary(tree.op, make_label_predicate(*tree.children[0], subject),
                             make_label_predicate(*tree.children[1], subject));
        b->type = StaticType::Bool;
        return b;
    }
    if (tree.kind == ParsedExprKind::Unary) {
        auto b = std::make_unique<BoundExpression>(BoundExprKind::Not, tree.pos);
        b->type = StaticType::Bool;
        b->children.push_back(make_label_predicate(*tree.children[0], subject));
        return b;
    }
    auto b = std::make_unique<BoundExpression>(BoundExprKind::LabelCheck, tree.pos);
    b->type = StaticType::Bool;
    b->keys = tree.keys;
    b->name = tree.name;  // "%": any label
    b->children.push_back(subject());
    return b;
}

}  // namespace quiver::binder
