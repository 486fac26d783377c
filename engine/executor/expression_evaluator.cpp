#include "executor/expression_evaluator.h"
#include "executor/pattern_matcher.h"
#include "executor/physical_operator.h"
#include "executor/shortest_path_expression.h"
#include "value/temporal/temporal.h"

#include <fmt/format.h>

#include <regex>

#include "base/error.h"
#include "function/function.h"
#include "function/spatial.h"
#include "storage/graph/graph_txn.h"

namespace quiver::executor {

using binder::BoundExpression;
using binder::BoundExprKind;
using parser::BinaryOp;

namespace {

[[noreturn]] void type_error(const std::string& detail, const std::string& msg) {
    throw QuiverError(std::string(status::TypeError), msg, detail, ErrorPhase::Runtime);
}

[[noreturn]] void deleted_access(const char* what, int64_t id) {
    throw QuiverError(std::string(status::EntityNotFound),
                      fmt::format("{} with id {} has been deleted in this transaction", what, id),
                      "DeletedEntityAccess", ErrorPhase::Runtime);
}

Tri to_tri(const Value& v, const char* where) {
    if (v.is_null()) return Tri::Null;
    if (!v.is_bool())
        type_error("InvalidArgumentType",
                   fmt::format("Type mismatch: expected Boolean but was {} ({})", kind_name(v.kind()),
                               where));
    return v.as_bool() ? Tri::True : Tri::False;
}

Tri tri_not(Tri t) { return t == Tri::Null ? t : (t == Tri::True ? Tri::False : Tri::True); }

// Materialised entities (virtual ones from procedures, e.g. db.schema.visualization) carry
// their properties with them.
Value map_lookup(const ValueMap& props, const std::string& key) {
    const Value* v = map_find(props, key);
    return v ? *v : Value();
}

Value property_of(ExecutionContext& ctx, const Value& obj, const std::string& key) {
    switch (obj.kind()) {
        case ValueKind::Null: return Value();
        case ValueKind::Node:
            if (!obj.is_entity_ref()) return map_lookup(obj.as_node().properties, key);
            return node_property(ctx, obj.node_id(), key);
        case ValueKind::Relationship:
            if (!obj.is_entity_ref()) return map_lookup(obj.as_rel().properties, key);
            return rel_property(ctx, obj.rel_id(), key);
        case ValueKind::Map: {
            const Value* v = obj.map_get(key);
            return v ? *v : Value();
        }
        default:
            if (auto c = temporal::component(obj, key)) return *c;
            if (auto c = function::point_component(obj, key)) return *c;
            type_error("PropertyAccessOnNonMap",
                       fmt::format("Type mismatch: expected a map but was {}", kind_name(obj.kind())));
    }
}

ValueMap entity_properties(ExecutionContext& ctx, const Value& v) {
    ValueMap out;
    if (v.is_map()) return v.as_map();
    storage::PropertyList props;
    if (v.is_node()) {
        if (ctx.deleted_nodes.count(v.node_id())) deleted_access("Node", v.node_id());
        props = ctx.txn->node_properties(v.node_id());
    } else if (v.is_rel()) {
        if (ctx.deleted_rels.count(v.rel_id())) deleted_access("Relationship", v.rel_id());
        props = ctx.txn->rel_properties(v.rel_id());
    } else {
        type_error("InvalidArgumentType",
                   fmt::format("Expected a node, relationship or map but was {}", kind_name(v.kind())));
    }
    for (auto& [k, val] : props) out.emplace_back(ctx.txn->property_key_name(k), std::move(val));
    return out;
}

Value eval_index(const Value& c, const Value& i, ExecutionContext& ctx) {
    if (c.is_null() || i.is_null()) return Value();
    if (c.is_list()) {
        if (!i.is_int())
            type_error("ListElementAccessByNonInteger",
                       fmt::format("List element access by non-integer: {}", kind_name(i.kind())));
        const auto& l = c.as_list();
        int64_t k = i.as_int();
        if (k < 0) k += int64_t(l.size());
        if (k < 0 || k >= int64_t(l.size())) return Value();
        return l[size_t(k)];
    }
    if (c.is_map() || c.is_node() || c.is_rel()) {
        if (!i.is_string())
            type_error("MapElementAccessByNonString",
                       fmt::format("Map element access by non-string: {}", kind_name(i.kind())));
        return property_of(ctx, c, i.as_string());
    }
    type_error("InvalidArgumentType",
               fmt::format("Type mismatch: expected a list or a map but was {}", kind_name(c.kind())));
}

Value eval_slice(const BoundExpression& e, Row& row, ExecutionContext& ctx) {
    Value list = evaluate(*e.children[0], row, ctx);
    size_t k = 1;
    Value from = e.has_from ? evaluate(*e.children[k++], row, ctx) : Value::integer(0);
    Value to;
    if (e.has_to) to = evaluate(*e.children[k++], row, ctx);
    if (list.is_null() || from.is_null() || (e.has_to && to.is_null())) return Value();
    if (!list.is_list()) type_error("InvalidArgumentType", "Slicing requires a list");
    if (!from.is_int() || (e.has_to && !to.is_int()))
        type_error("InvalidArgumentType", "List slice bounds must be integers");
    const auto& l = list.as_list();
    int64_t n = int64_t(l.size());
    int64_t a = from.as_int(), b = e.has_to ? to.as_int() : n;
    if (a < 0) a += n;
    if (b < 0) b += n;
    a = std::clamp<int64_t>(a, 0, n);
    b = std::clamp<int64_t>(b, 0, n);
    if (b <= a) return Value::list({});
    return Value::list(ValueList(l.begin() + a, l.begin() + b));
}

Value eval_in(const Value& x, const Value& list) {
    if (list.is_null()) return Value();
    if (!list.is_list())
        type_error("InvalidArgumentType",
                   fmt::format("Type mismatch: expected List<T> but was {}", kind_name(list.kind())));
    bool saw_null = false;
    for (const auto& item : list.as_list()) {
        Tri t = cypher_equals(x, item);
        if (t == Tri::True) return Value::boolean(true);
        if (t == Tri::Null) saw_null = true;
    }
    return saw_null ? Value() : Value::boolean(false);
}

Value eval_string_op(BinaryOp op, const Value& a, const Value& b) {
    if (!a.is_string() || !b.is_string()) return Value();
    const std::string& s = a.as_string();
    const std::string& t = b.as_string();
    switch (op) {
        case BinaryOp::StartsWith: return Value::boolean(s.rfind(t, 0) == 0);
        case BinaryOp::EndsWith:
            return Value::boolean(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
        case BinaryOp::Contains: return Value::boolean(s.find(t) != std::string::npos);
        default: {
            try {
                std::regex re(t);
                return Value::boolean(std::regex_match(s, re));
            } catch (const std::regex_error&) {
                throw QuiverError(std::string(status::ArgumentError),
                                  fmt::format("Invalid regular expression: {}", t),
                                  "InvalidArgumentValue", ErrorPhase::Runtime);
            }
        }
    }
}

Value eval_binary(const BoundExpression& e, Row& row, ExecutionContext& ctx) {
    switch (e.op) {
        case BinaryOp::And: {
            Tri l = to_tri(evaluate(*e.children[0], row, ctx), "AND");
            if (l == Tri::False) return Value::boolean(false);
            Tri r = to_tri(evaluate(*e.children[1], row, ctx), "AND");
            if (r == Tri::False) return Value::boolean(false);
            return tri_value(l == Tri::Null || r == Tri::Null ? Tri::Null : Tri::True);
        }
        case BinaryOp::Or: {
            Tri l = to_tri(evaluate(*e.children[0], row, ctx), "OR");
            if (l == Tri::True) return Value::boolean(true);
            Tri r = to_tri(evaluate(*e.children[1], row, ctx), "OR");
            if (r == Tri::True) return Value::boolean(true);
            return tri_value(l == Tri::Null || r == Tri::Null ? Tri::Null : Tri::False);
        }
        case BinaryOp::Xor: {
            Tri l = to_tri(evaluate(*e.children[0], row, ctx), "XOR");
            Tri r = to_tri(evaluate(*e.children[1], row, ctx), "XOR");
            if (l == Tri::Null || r == Tri::Null) return Value();
            return Value::boolean(l != r);
        }
        default: break;
    }
    Value a = evaluate(*e.children[0], row, ctx);
    Value b = evaluate(*e.children[1], row, ctx);
    switch (e.op) {
        case BinaryOp::Add: return cypher_arith(ArithOp::Add, a, b);
        case BinaryOp::Sub: return cypher_arith(ArithOp::Sub, a, b);
        case BinaryOp::Mul: return cypher_arith(ArithOp::Mul, a, b);
        case BinaryOp::Div: return cypher_arith(ArithOp::Div, a, b);
        case BinaryOp::Mod: return cypher_arith(ArithOp::Mod, a, b);
        case BinaryOp::Pow: return cypher_arith(ArithOp::Pow, a, b);
        case BinaryOp::Eq: return tri_value(cypher_equals(a, b));
        case BinaryOp::Neq: return tri_value(tri_not(cypher_equals(a, b)));
        case BinaryOp::Lt: return cypher_compare_op(CompareOp::Lt, a, b);
        case BinaryOp::Le: return cypher_compare_op(CompareOp::Le, a, b);
        case BinaryOp::Gt: return cypher_compare_op(CompareOp::Gt, a, b);
        case BinaryOp::Ge: return cypher_compare_op(CompareOp::Ge, a, b);
        case BinaryOp::In: return eval_in(a, b);
        default: return eval_string_op(e.op, a, b);
    }
}

Value eval_case(const BoundExpression& e, Row& row, ExecutionContext& ctx) {
    size_t i = 0;
    Value subject;
    if (e.has_subject) subject = evaluate(*e.children[i++], row, ctx);
    size_t end = e.children.size() - (e.has_else ? 1 : 0);
    for (; i + 1 < end; i += 2) {
        Value w = evaluate(*e.children[i], row, ctx);
        bool hit = e.has_subject ? cypher_equals(subject, w) == Tri::True
                                 : (w.is_bool() && w.as_bool());
        if (hit) return evaluate(*e.children[i + 1], row, ctx);
    }
    return e.has_else ? evaluate(*e.children.back(), row, ctx) : Value();
}

Value eval_label_check(const BoundExpression& e, Row& row, ExecutionContext& ctx) {
    Value n = evaluate(*e.children[0], row, ctx);
    if (n.is_null()) return Value();
    if (n.is_rel()) {
        // r:T holds when T is the relationship's type; r:% always; r:A&B never (unless A = B).
        if (ctx.deleted_rels.count(n.rel_id())) deleted_access("Relationship", n.rel_id());
        if (e.keys.empty()) return Value::boolean(true);
        auto type = ctx.txn->rel(n.rel_id()).type;
        for (const auto& t : e.keys) {
            auto tok = ctx.txn->find_rel_type(t);
            if (!tok || *tok != type) return Value::boolean(false);
        }
        return Value::boolean(true);
    }
    if (!n.is_node())
        type_error("InvalidArgumentType",
                   fmt::format("Type mismatch: expected Node but was {}", kind_name(n.kind())));
    if (ctx.deleted_nodes.count(n.node_id())) deleted_access("Node", n.node_id());
    if (e.name == "%") return Value::boolean(!ctx.txn->node_labels(n.node_id()).empty());
    for (const auto& l : e.keys) {
        auto tok = ctx.txn->find_label(l);
        if (!tok || !ctx.txn->node_has_label(n.node_id(), *tok)) return Value::boolean(false);
    }
    return Value::boolean(true);
}

Value eval_iteration(const BoundExpression& e, Row& row, ExecutionContext& ctx) {
    Value list = evaluate(*e.children[0], row, ctx);
    if (list.is_null()) return Value();
    if (!list.is_list())
        type_error("InvalidArgumentType",
                   fmt::format("Type mismatch: expected List<T> but was {}", kind_name(list.kind())));
    if (e.kind == BoundExprKind::ListComprehension) {
        ValueList out;
        for (const auto& item : list.as_list()) {
            row[e.var] = item;
            size_t k = 1;
            if (e.has_where) {
                Tri t = to_tri(evaluate(*e.children[k++], row, ctx), "WHERE");
                if (t != Tri::True) continue;
            }
            out.push_back(e.has_map ? evaluate(*e.children[k], row, ctx) : item);
        }
        return Value::list(std::move(out));
    }
    // Quantifiers.
    int64_t trues = 0, nulls = 0, falses = 0;
    for (const auto& item : list.as_list()) {
        row[e.var] = item;
        Tri t = e.has_where ? to_tri(evaluate(*e.children[1], row, ctx), "WHERE") : Tri::True;
        if (t == Tri::True) ++trues;
        else if (t == Tri::Null) ++nulls;
        else ++falses;
    }
    switch (e.quantifier) {
        case parser::Quantifier::All: return falses ? Value::boolean(false) : (nulls ? Value() : Value::boolean(true));
        case parser::Quantifier::Any: return trues ? Value::boolean(true) : (nulls ? Value() : Value::boolean(false));
        case parser::Quantifier::None: return trues ? Value::boolean(false) : (nulls ? Value() : Value::boolean(true));
        case parser::Quantifier::Single:
            if (trues > 1) return Value::boolean(false);
            if (nulls) return Value();
            return Value::boolean(trues == 1);
    }
    return Value();
}

Value eval_reduce(const BoundExpression& e, Row& row, ExecutionContext& ctx) {
    Value acc = evaluate(*e.children[0], row, ctx);
    Value list = evaluate(*e.children[1], row, ctx);
    if (list.is_null()) return Value();
    if (!list.is_list()) type_error("InvalidArgumentType", "reduce() expects a list");
    for (const auto& item : list.as_list()) {
        row[e.var] = acc;
        row[e.var2] = item;
        acc = evaluate(*e.children[2], row, ctx);
    }
    return acc;
}

Value eval_map_projection(const BoundExpression& e, Row& row, ExecutionContext& ctx) {
    const Value& base = row[e.var];
    if (base.is_null()) return Value();
    ValueMap out;
    auto put = [&](const std::string& k, Value v) {
        for (auto& kv : out)
            if (kv.first == k) {
                kv.second = std::move(v);
                return;
            }
        out.emplace_back(k, std::move(v));
    };
    using Kind = parser::ParsedMapProjectionItem::Kind;
    for (size_t i = 0; i < e.keys.size(); ++i) {
        switch (static_cast<Kind>(e.map_kinds[i])) {
            case Kind::Property: put(e.keys[i], property_of(ctx, base, e.keys[i])); break;
            case Kind::Literal:
            case Kind::Variable: put(e.keys[i], evaluate(*e.children[i], row, ctx)); break;
            case Kind::AllProperties:
                for (auto& [k, v] : entity_properties(ctx, base)) put(k, v);
                break;
        }
    }
    return Value::map(std::move(out));
}

Value eval_properties_match(const BoundExpression& e, Row& row, ExecutionContext& ctx) {
    Value ent = evaluate(*e.children[0], row, ctx);
    Value m = evaluate(*e.children[1], row, ctx);
    if (ent.is_null() || m.is_null()) return Value();
    if (!m.is_map())
        type_error("InvalidArgumentType",
                   fmt::format("Expected a map of properties but was {}", kind_name(m.kind())));
    Tri acc = Tri::True;
    for (const auto& [k, v] : m.as_map()) {
        Tri t = cypher_equals(property_of(ctx, ent, k), v);
        if (t == Tri::False) return Value::boolean(false);
        if (t == Tri::Null) acc = Tri::Null;
    }
    return tri_value(acc);
}

// Children alternate node and relationship variables; a relationship slot may hold the list
// of a variable-length match (possibly empty), whose inner nodes are read from the store.
Value eval_path(const BoundExpression& e, Row& row, ExecutionContext& ctx) {
    auto* p = new PathObj();
    bool skip_node = false;
    for (size_t i = 0; i < e.children.size(); ++i) {
        const Value& v = row[e.children[i]->var];
        if (v.is_null()) {
            delete p;
            return Value();
        }
        if (i % 2 == 0) {
            if (!skip_node) p->nodes.push_back(v);
            skip_node = false;
            continue;
        }
        if (!v.is_list()) {
            p->rels.push_back(v);
            continue;
        }
        const ValueList& rels = v.as_list();
        for (size_t k = 0; k < rels.size(); ++k) {
            p->rels.push_back(rels[k]);
            if (k + 1 == rels.size()) break;
            int64_t last = p->nodes.back().node_id();
            storage::RelRecord rec = ctx.txn->rel(rels[k].rel_id());
            p->nodes.push_back(Value::node_ref(rec.start == last ? rec.end : rec.start));
        }
        skip_node = rels.empty();
    }
    return Value::path(p);
}

}  // namespace

namespace {
// The token of property key `key`, remembered in the context (see ExecutionContext::key_tokens).
std::optional<storage::TokenId> key_token(ExecutionContext& ctx, const std::string& key) {
    for (const auto& k : ctx.key_tokens)
        if (k.name == key) return k.token;
    auto tok = ctx.txn->find_property_key(key);
    if (tok && ctx.key_tokens.size() < 16) ctx.key_tokens.push_back({key, *tok});
    return tok;
}

// The token of the key of property access `e` (a Property expression of the running plan).
std::optional<storage::TokenId> expr_key_token(ExecutionContext& ctx, const BoundExpression& e) {
    for (const auto& [expr, tok] : ctx.expr_key_tokens)
        if (expr == &e) return tok;
    auto tok = key_token(ctx, e.name);
    if (tok && ctx.expr_key_tokens.size() < 32) ctx.expr_key_tokens.emplace_back(&e, *tok);
    return tok;
}

// Property access `e` on a stored node: node_property with the token found by expression.
Value node_property_of(ExecutionContext& ctx, int64_t node, const BoundExpression& e) {
    if (!ctx.deleted_nodes.empty() && ctx.deleted_nodes.count(node)) deleted_access("Node", node);
    auto tok = expr_key_token(ctx, e);
    if (!tok) return Value();
    return ctx.txn->node_property(node, *tok);
}
}  // namespace

Value node_property(ExecutionContext& ctx, int64_t node, const std::string& key) {
    if (!ctx.deleted_nodes.empty() && ctx.deleted_nodes.count(node)) deleted_access("Node", node);
    auto tok = key_token(ctx, key);
    if (!tok) return Value();
    return ctx.txn->node_property(node, *tok);
}

Value rel_property(ExecutionContext& ctx, int64_t rel, const std::string& key) {
    if (!ctx.deleted_rels.empty() && ctx.deleted_rels.count(rel)) deleted_access("Relationship", rel);
    auto tok = key_token(ctx, key);
    if (!tok) return Value();
    return ctx.txn->rel_property(rel, *tok);
}

SubplanStates::SubplanStates() = default;
SubplanStates::~SubplanStates() = default;

std::unique_ptr<OperatorState> SubplanStates::take(size_t subplan) {
    return subplan < states_.size() ? std::move(states_[subplan]) : nullptr;
}

void SubplanStates::give(size_t subplan, std::unique_ptr<OperatorState> st) {
    if (subplan >= states_.size()) states_.resize(subplan + 1);
    states_[subplan] = std::move(st);
}

namespace {

// EXISTS / COUNT / COLLECT { }: the subplan runs on a copy of the row (its blocking operators
// overwrite the whole row), in the statement's kept state tree for it when there is one.
Value eval_subquery(const BoundExpression& e, const Row& row, ExecutionContext& ctx) {
    const size_t i = size_t(e.subquery);
    const PhysicalOperator& plan = *(*ctx.subplans)[i];
    auto st = plan.state_for(ctx, ctx.subplan_states.take(i));
    Row inner = row;
    Value out;
    if (e.name == "EXISTS") {
        out = Value::boolean(plan.next(ctx, *st, inner));
    } else if (e.name == "COUNT") {
        int64_t n = 0;
        while (plan.next(ctx, *st, inner)) ++n;
        out = Value::integer(n);
    } else {
        ValueList items;
        while (plan.next(ctx, *st, inner)) items.push_back(inner[e.var]);
        out = Value::list(std::move(items));
    }
    if (plan.reset_tree(*st)) ctx.subplan_states.give(i, std::move(st));
    return out;
}

}  // namespace

Value evaluate(const BoundExpression& e, Row& row, ExecutionContext& ctx) {
    switch (e.kind) {
        case BoundExprKind::Literal: return e.literal;
        case BoundExprKind::Parameter: {
            const Value* v = ctx.parameter(e.name);
            if (!v)
                throw QuiverError(std::string(status::ParameterMissing),
                                  fmt::format("Expected parameter(s): {}", e.name), "MissingParameter",
                                  ErrorPhase::CompileTime);
            return *v;
        }
        case BoundExprKind::Variable: return row[e.var];
        case BoundExprKind::Property: {
            const BoundExpression& of = *e.children[0];
            if (of.kind != BoundExprKind::Variable) return property_of(ctx, evaluate(of, row, ctx), e.name);
            const Value& obj = row[of.var];  // read in place: the common `n.key`
            if (obj.is_node() && obj.is_entity_ref()) return node_property_of(ctx, obj.node_id(), e);
            return property_of(ctx, obj, e.name);
        }
        case BoundExprKind::Index:
            return eval_index(evaluate(*e.children[0], row, ctx), evaluate(*e.children[1], row, ctx), ctx);
        case BoundExprKind::Slice: return eval_slice(e, row, ctx);
        case BoundExprKind::ScalarCall: {
            Value args[8];
            std::vector<Value> many;
            Value* a = args;
            if (e.children.size() > 8) {
                many.resize(e.children.size());
                a = many.data();
            }
            for (size_t i = 0; i < e.children.size(); ++i) a[i] = evaluate(*e.children[i], row, ctx);
            return e.scalar->fn(a, e.children.size(), ctx.fctx);
        }
        case BoundExprKind::AggregateCall:
            throw QuiverError(std::string(status::UnknownError),
                              "internal error: aggregate evaluated outside aggregation");
        case BoundExprKind::Binary: return eval_binary(e, row, ctx);
        case BoundExprKind::Not: return tri_value(tri_not(to_tri(evaluate(*e.children[0], row, ctx), "NOT")));
        case BoundExprKind::Negate: return cypher_negate(evaluate(*e.children[0], row, ctx));
        case BoundExprKind::IsNull: return Value::boolean(evaluate(*e.children[0], row, ctx).is_null());
        case BoundExprKind::IsNotNull: return Value::boolean(!evaluate(*e.children[0], row, ctx).is_null());
        case BoundExprKind::List: {
            ValueList items;
            items.reserve(e.children.size());
            for (const auto& c : e.children) items.push_back(evaluate(*c, row, ctx));
            return Value::list(std::move(items));
        }
        case BoundExprKind::Map: {
            ValueMap m;
            for (size_t i = 0; i < e.keys.size(); ++i) {
                Value v = evaluate(*e.children[i], row, ctx);
                bool dup = false;
                for (auto& kv : m)
                    if (kv.first == e.keys[i]) {
                        kv.second = v;
                        dup = true;
                    }
                if (!dup) m.emplace_back(e.keys[i], std::move(v));
            }
            return Value::map(std::move(m));
        }
        case BoundExprKind::Case: return eval_case(e, row, ctx);
        case BoundExprKind::LabelCheck: return eval_label_check(e, row, ctx);
        case BoundExprKind::ListComprehension:
        case BoundExprKind::Quantifier: return eval_iteration(e, row, ctx);
        case BoundExprKind::Reduce: return eval_reduce(e, row, ctx);
        case BoundExprKind::MapProjection: return eval_map_projection(e, row, ctx);
        case BoundExprKind::PropertiesMatch: return eval_properties_match(e, row, ctx);
        case BoundExprKind::PathBuild: return eval_path(e, row, ctx);
        case BoundExprKind::PatternMatch: return eval_pattern_match(e, row, ctx);
        case BoundExprKind::ShortestPath: return eval_shortest_path(e, row, ctx);
        case BoundExprKind::Subquery: return eval_subquery(e, row, ctx);
    }
    return Value();
}

Tri evaluate_predicate(const BoundExpression& e, Row& row, ExecutionContext& ctx) {
    return to_tri(evaluate(e, row, ctx), "WHERE");
}

bool all_true(const std::vector<binder::BoundExprPtr>& preds, Row& row, ExecutionContext& ctx) {
    for (const auto& p : preds)
        if (evaluate_predicate(*p, row, ctx) != Tri::True) return false;
    return true;
}

}  // namespace quiver::executor
