// Expression binding: variables, functions, aggregates, static type checks.
#include <fmt/format.h>

#include <algorithm>

#include "binder/binder_internal.h"
#include "function/function.h"

namespace quiver::binder {

using parser::BinaryOp;
using parser::ParsedExpression;
using parser::ParsedExprKind;

namespace {

BoundExprPtr make(BoundExprKind k, SourcePosition p, StaticType t = StaticType::Any) {
    auto e = std::make_unique<BoundExpression>(k, p);
    e->type = t;
    return e;
}

bool is_numeric(StaticType t) {
    return t == StaticType::Int || t == StaticType::Float || t == StaticType::Number;
}

[[noreturn]] void type_mismatch(const std::string& expected, StaticType got, SourcePosition pos) {
    semantic_error("InvalidArgumentType",
                   fmt::format("Type mismatch: expected {} but was {}", expected,
                               static_type_name(got)),
                   pos);
}

bool is_deterministic(const BoundExpression& e) {
    if (e.kind == BoundExprKind::ScalarCall && !e.scalar->deterministic) return false;
    for (const auto& c : e.children)
        if (!is_deterministic(*c)) return false;
    return true;
}

// Arguments whose static type can never be valid are rejected at compile time.
void check_static_arguments(const std::string& fn, const BoundExpression& call) {
    if (call.children.empty()) return;
    StaticType t = call.children[0]->type;
    auto is_one_of = [&](std::initializer_list<StaticType> ts) {
        for (StaticType x : ts)
            if (x == t) return true;
        return false;
    };
    using T = StaticType;
    const char* expected = nullptr;
    if (fn == "properties" && is_one_of({T::Bool, T::Int, T::Float, T::Number, T::String, T::List, T::Path}))
        expected = "Map, Node or Relationship";
    else if (fn == "size" && is_one_of({T::Bool, T::Int, T::Float, T::Number, T::Map, T::Node,
                                        T::Relationship, T::Path}))
        expected = "String or List<T>";
    else if (fn == "length" && is_one_of({T::Bool, T::Int, T::Float, T::Number, T::Map, T::Node,
                                          T::Relationship, T::String, T::List}))
        expected = "Path";
    else if (fn == "type" && is_one_of({T::Bool, T::Int, T::Float, T::Number, T::Map, T::Node,
                                        T::String, T::List, T::Path}))
        expected = "Relationship";
    if (expected) type_mismatch(expected, t, call.children[0]->pos);
}

// The static type of the elements of a list literal whose items all share one known type.
StaticType element_type(const BoundExpression& list) {
    if (list.kind != BoundExprKind::List || list.children.empty()) return StaticType::Any;
    StaticType t = list.children[0]->type;
    for (const auto& c : list.children)
        if (c->type != t) return StaticType::Any;
    return t == StaticType::Null ? StaticType::Any : t;
}

}  // namespace

void Binder::check_boolean_operand(const BoundExpression& e, const char* op) {
    switch (e.type) {
        case StaticType::Any:
        case StaticType::Null:
        case StaticType::Bool: return;
        default: type_mismatch("Boolean", e.type, e.pos);
    }
    (void)op;
}

void Binder::split_conjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out) {
    if (e->kind == BoundExprKind::Binary && e->op == BinaryOp::And) {
        split_conjuncts(std::move(e->children[0]), out);
        split_conjuncts(std::move(e->children[1]), out);
        return;
    }
    out.push_back(std::move(e));
}

BoundExprPtr Binder::bind_binary(const ParsedExpression& e, const ExprContext& ctx) {
    auto l = bind_expr(*e.children[0], ctx);
    auto r = bind_expr(*e.children[1], ctx);
    StaticType lt = l->type, rt = r->type;
    StaticType result = StaticType::Any;
    switch (e.op) {
        case BinaryOp::And:
        case BinaryOp::Or:
        case BinaryOp::Xor:
            check_boolean_operand(*l, parser::binary_op_text(e.op));
            check_boolean_operand(*r, parser::binary_op_text(e.op));
            result = StaticType::Bool;
            break;
        case BinaryOp::Add:
        case BinaryOp::Sub:
        case BinaryOp::Mul:
        case BinaryOp::Div:
        case BinaryOp::Mod:
        case BinaryOp::Pow: {
            for (StaticType t : {lt, rt}) {
                bool bad = t == StaticType::Bool || t == StaticType::Map || t == StaticType::Node ||
                           t == StaticType::Relationship || t == StaticType::Path;
                if (e.op != BinaryOp::Add && (t == StaticType::String || t == StaticType::List))
                    bad = true;
                if (bad && !(e.op == BinaryOp::Add && (lt == StaticType::List || rt == StaticType::List)))
                    type_mismatch("Float or Integer", t, t == lt ? l->pos : r->pos);
            }
            if (e.op == BinaryOp::Add && (lt == StaticType::List || rt == StaticType::List))
                result = StaticType::List;
            else if (e.op == BinaryOp::Add && (lt == StaticType::String || rt == StaticType::String))
                result = StaticType::String;
            else if (e.op == BinaryOp::Pow && is_numeric(lt) && is_numeric(rt))
                result = StaticType::Float;
            else if (lt == StaticType::Int && rt == StaticType::Int)
                result = StaticType::Int;
            else if (is_numeric(lt) && is_numeric(rt))
                result = (lt == StaticType::Float || rt == StaticType::Float) ? StaticType::Float
                                                                              : StaticType::Number;
            break;
        }
        case BinaryOp::In:
            switch (rt) {
                case StaticType::Bool:
                case StaticType::Int:
                case StaticType::Float:
                case StaticType::Number:
                case StaticType::String:
                case StaticType::Map:
                case StaticType::Node:
                case StaticType::Relationship:
                case StaticType::Path: type_mismatch("List<T>", rt, r->pos);
                default: break;
            }
            result = StaticType::Bool;
            break;
        default: result = StaticType::Bool;
    }
    auto b = make_binary(e.op, std::move(l), std::move(r));
    b->pos = e.pos;
    b->type = result;
    return b;
}

BoundExprPtr Binder::bind_function(const ParsedExpression& e, const ExprContext& ctx) {
    int nargs = static_cast<int>(e.children.size());
    auto arity = [&](const char* name, int min, int max) {
        if (nargs < min)
            semantic_error("InvalidNumberOfArguments",
                           fmt::format("Insufficient parameters for function '{}'", name), e.pos);
        if (max >= 0 && nargs > max)
            semantic_error("InvalidNumberOfArguments",
                           fmt::format("Too many parameters for function '{}'", name), e.pos);
    };
    if (const auto* agg = function::find_aggregate(e.name)) {
        if (!ctx.allow_aggregates)
            semantic_error("InvalidAggregation",
                           fmt::format("Invalid use of aggregating function {}(...) in this context",
                                       agg->name),
                           e.pos);
        if (ctx.inside_aggregate)
            semantic_error("NestedAggregation",
                           "Can't use aggregate functions inside of aggregate functions.", e.pos);
        arity(agg->name, agg->min_args, agg->max_args);
        ExprContext inner = ctx;
        inner.inside_aggregate = true;
        auto b = make(BoundExprKind::AggregateCall, e.pos);
        b->aggregate = agg;
        b->distinct = e.distinct;
        for (const auto& a : e.children) {
            b->children.push_back(bind_expr(*a, inner));
            if (!is_deterministic(*b->children.back()))
                semantic_error("NonConstantExpression",
                               fmt::format("Can't use non-deterministic (random) functions inside of "
                                           "aggregate functions: {}(...)",
                                           agg->name),
                               a->pos);
        }
        std::string n = agg->name;
        b->type = n == "count" ? StaticType::Int
                  : n == "avg" ? StaticType::Float
                  : n == "collect" ? StaticType::List
                                   : StaticType::Any;
        return b;
    }
    const auto* fn = function::find_scalar(e.name);
    if (!fn) {
        static const char* kLaterNamespaces[] = {"date.", "datetime.", "localdatetime.", "time.",
                                                 "localtime.", "duration.", "point.", "apoc.",
                                                 "db.", "gds."};
        for (const char* ns : kLaterNamespaces) {
            std::string a = e.name;
            std::transform(a.begin(), a.end(), a.begin(), ::tolower);
            if (a.rfind(ns, 0) == 0) not_supported(fmt::format("Function '{}'", e.name), e.pos);
        }
        if (e.name.find('.') == std::string::npos) {
            static const char* kLater[] = {"exists", "date", "datetime", "localdatetime", "time",
                                           "localtime", "duration", "point", "distance",
                                           "percentileCont", "percentileDisc", "stDev", "stDevP"};
            for (const char* l : kLater) {
                std::string a = e.name, b = l;
                std::transform(a.begin(), a.end(), a.begin(), ::tolower);
                std::transform(b.begin(), b.end(), b.begin(), ::tolower);
                if (a == b) not_supported(fmt::format("Function '{}'", e.name), e.pos);
            }
        }
        std::string lower = e.name;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        if (lower == "shortestpath" || lower == "allshortestpaths")
            return bind_shortest_path_expr(e, ctx);  // bind_path_patterns.cpp
        semantic_error("UnknownFunction", fmt::format("Unknown function '{}'", e.name), e.pos);
    }
    arity(fn->name, fn->min_args, fn->max_args);
    if (e.distinct)
        semantic_error("InvalidArgumentType",
                       fmt::format("Invalid use of DISTINCT with function '{}'", fn->name), e.pos);
    auto b = make(BoundExprKind::ScalarCall, e.pos);
    b->scalar = fn;
    for (const auto& a : e.children) b->children.push_back(bind_expr(*a, ctx));
    std::string n = fn->name;
    check_static_arguments(n, *b);
    if (n == "toString" || n == "type" || n == "elementId") b->type = StaticType::String;
    else if (n == "toInteger" || n == "id" || n == "size" || n == "length") b->type = StaticType::Int;
    else if (n == "toFloat") b->type = StaticType::Float;
    else if (n == "labels" || n == "keys" || n == "range") b->type = StaticType::List;
    else if (n == "startNode" || n == "endNode") b->type = StaticType::Node;
    return b;
}

// Binds an expression that introduces its own variable (comprehensions, quantifiers, reduce).
BoundExprPtr Binder::bind_scoped(const ParsedExpression& e, const ExprContext& ctx) {
    size_t mark = scope_.entries.size();
    ExprContext inner = ctx;  // for the parts evaluated per element
    inner.allow_aggregates = false;
    BoundExprPtr b;
    if (e.kind == ParsedExprKind::Reduce) {
        b = make(BoundExprKind::Reduce, e.pos);
        b->children.push_back(bind_expr(*e.children[0], ctx));  // init: outer scope
        b->children.push_back(bind_expr(*e.children[1], ctx));  // list: outer scope
        b->var = new_var(e.name, VarKind::Value, StaticType::Any);
        b->var2 = new_var(e.keys[0], VarKind::Value, StaticType::Any);
        scope_.add(e.name, b->var);
        scope_.add(e.keys[0], b->var2);
        b->children.push_back(bind_expr(*e.children[2], inner));
    } else {
        bool quant = e.kind == ParsedExprKind::Quantifier;
        b = make(quant ? BoundExprKind::Quantifier : BoundExprKind::ListComprehension, e.pos,
                 quant ? StaticType::Bool : StaticType::List);
        b->quantifier = e.quantifier;
        b->has_where = e.has_where;
        b->has_map = e.has_map;
        b->children.push_back(bind_expr(*e.children[0], ctx));  // the list: outer scope
        b->var = new_var(e.name, VarKind::Value, element_type(*b->children[0]));
        scope_.add(e.name, b->var);
        for (size_t i = 1; i < e.children.size(); ++i) {
            auto c = bind_expr(*e.children[i], inner);
            if (quant || (e.has_where && i == 1)) check_boolean_operand(*c, "WHERE");
            b->children.push_back(std::move(c));
        }
    }
    scope_.entries.resize(mark);
    return b;
}

BoundExprPtr Binder::bind_expr(const ParsedExpression& e, const ExprContext& ctx) {
    switch (e.kind) {
        case ParsedExprKind::Literal: return make_literal(e.literal, e.pos);
        case ParsedExprKind::Parameter: {
            auto b = make(BoundExprKind::Parameter, e.pos);
            b->name = e.name;
            if (std::find(out_.parameters.begin(), out_.parameters.end(), e.name) ==
                out_.parameters.end())
                out_.parameters.push_back(e.name);
            return b;
        }
        case ParsedExprKind::Variable: {
            const VarId* v = scope_.find(e.name);
            if (!v) semantic_error("UndefinedVariable", fmt::format("Variable `{}` not defined", e.name), e.pos);
            return make_variable(*v, info(*v).type, e.pos);
        }
        case ParsedExprKind::Property: {
            auto obj = bind_expr(*e.children[0], ctx);
            switch (obj->type) {
                case StaticType::Bool:
                case StaticType::Int:
                case StaticType::Float:
                case StaticType::Number:
                case StaticType::String:
                case StaticType::List:
                case StaticType::Path:
                    type_mismatch("Map, Node, Relationship, Point, Duration, Date, Time, "
                                  "LocalTime, LocalDateTime or DateTime",
                                  obj->type, obj->pos);
                default: break;
            }
            auto b = make(BoundExprKind::Property, e.pos);
            b->name = e.name;
            b->children.push_back(std::move(obj));
            return b;
        }
        case ParsedExprKind::Index: {
            auto b = make(BoundExprKind::Index, e.pos);
            b->children.push_back(bind_expr(*e.children[0], ctx));
            b->children.push_back(bind_expr(*e.children[1], ctx));
            return b;
        }
        case ParsedExprKind::Slice: {
            auto b = make(BoundExprKind::Slice, e.pos, StaticType::List);
            b->has_from = e.has_from;
            b->has_to = e.has_to;
            for (const auto& c : e.children) b->children.push_back(bind_expr(*c, ctx));
            return b;
        }
        case ParsedExprKind::FunctionCall: return bind_function(e, ctx);
        case ParsedExprKind::CountStar: {
            if (!ctx.allow_aggregates)
                semantic_error("InvalidAggregation",
                               "Invalid use of aggregating function count(...) in this context", e.pos);
            if (ctx.inside_aggregate)
                semantic_error("NestedAggregation",
                               "Can't use aggregate functions inside of aggregate functions.", e.pos);
            auto b = make(BoundExprKind::AggregateCall, e.pos, StaticType::Int);
            b->aggregate = function::find_aggregate("count");
            return b;
        }
        case ParsedExprKind::Binary: return bind_binary(e, ctx);
        case ParsedExprKind::Unary: {
            auto operand = bind_expr(*e.children[0], ctx);
            if (e.unary == parser::UnaryOp::Not) {
                check_boolean_operand(*operand, "NOT");
                auto b = make(BoundExprKind::Not, e.pos, StaticType::Bool);
                b->children.push_back(std::move(operand));
                return b;
            }
            StaticType t = operand->type;
            if (t == StaticType::Bool || t == StaticType::String || t == StaticType::List ||
                t == StaticType::Map || t == StaticType::Node || t == StaticType::Relationship)
                type_mismatch("Float or Integer", t, operand->pos);
            if (e.unary == parser::UnaryOp::Plus) return operand;
            auto b = make(BoundExprKind::Negate, e.pos, t);
            b->children.push_back(std::move(operand));
            return b;
        }
        case ParsedExprKind::Comparison: {
            // a < b < c  ==>  a < b AND b < c
            BoundExprPtr acc;
            for (size_t i = 0; i < e.ops.size(); ++i) {
                auto cmp = make_binary(e.ops[i], bind_expr(*e.children[i], ctx),
                                       bind_expr(*e.children[i + 1], ctx));
                cmp->type = StaticType::Bool;
                if (!acc) {
                    acc = std::move(cmp);
                } else {
                    acc = make_binary(BinaryOp::And, std::move(acc), std::move(cmp));
                    acc->type = StaticType::Bool;
                }
            }
            return acc;
        }
        case ParsedExprKind::IsNull:
        case ParsedExprKind::IsNotNull: {
            auto b = make(e.kind == ParsedExprKind::IsNull ? BoundExprKind::IsNull
                                                           : BoundExprKind::IsNotNull,
                          e.pos, StaticType::Bool);
            b->children.push_back(bind_expr(*e.children[0], ctx));
            return b;
        }
        case ParsedExprKind::List: {
            auto b = make(BoundExprKind::List, e.pos, StaticType::List);
            for (const auto& c : e.children) b->children.push_back(bind_expr(*c, ctx));
            return b;
        }
        case ParsedExprKind::Map: {
            auto b = make(BoundExprKind::Map, e.pos, StaticType::Map);
            b->keys = e.keys;
            for (const auto& c : e.children) b->children.push_back(bind_expr(*c, ctx));
            return b;
        }
        case ParsedExprKind::MapProjection: {
            const VarId* v = scope_.find(e.name);
            if (!v) semantic_error("UndefinedVariable", fmt::format("Variable `{}` not defined", e.name), e.pos);
            auto b = make(BoundExprKind::MapProjection, e.pos, StaticType::Map);
            b->var = *v;
            for (const auto& item : e.map_items) {
                b->keys.push_back(item.key);
                b->map_kinds.push_back(static_cast<uint8_t>(item.kind));
                using Kind = parser::ParsedMapProjectionItem::Kind;
                if (item.kind == Kind::Literal) {
                    b->children.push_back(bind_expr(*item.value, ctx));
                } else if (item.kind == Kind::Variable) {
                    const VarId* iv = scope_.find(item.key);
                    if (!iv)
                        semantic_error("UndefinedVariable",
                                       fmt::format("Variable `{}` not defined", item.key), e.pos);
                    b->children.push_back(make_variable(*iv, info(*iv).type, e.pos));
                } else {
                    b->children.push_back(make_literal(Value(), e.pos));
                }
            }
            return b;
        }
        case ParsedExprKind::Case: {
            auto b = make(BoundExprKind::Case, e.pos);
            b->has_subject = e.has_subject;
            b->has_else = e.has_else;
            for (const auto& c : e.children) b->children.push_back(bind_expr(*c, ctx));
            return b;
        }
        case ParsedExprKind::ListComprehension:
        case ParsedExprKind::Quantifier:
        case ParsedExprKind::Reduce: return bind_scoped(e, ctx);
        case ParsedExprKind::LabelCheck: {
            if (e.name == "expr")
                return make_label_predicate(*e.children[1],
                                            [&] { return bind_expr(*e.children[0], ctx); });
            auto b = make(BoundExprKind::LabelCheck, e.pos, StaticType::Bool);
            b->keys = e.keys;
            b->children.push_back(bind_expr(*e.children[0], ctx));
            return b;
        }
        case ParsedExprKind::PatternPredicate:
            if (!ctx.allow_patterns)
                semantic_error("UnexpectedSyntax",
                               "A pattern expression should only be used in order to test the "
                               "existence of a pattern",
                               e.pos);
            return bind_pattern_expr(e, ctx);
        case ParsedExprKind::PatternComprehension:
        case ParsedExprKind::ExistsSubquery: return bind_pattern_expr(e, ctx);
        case ParsedExprKind::CountSubquery:
        case ParsedExprKind::CollectSubquery: return bind_pattern_expr(e, ctx);
    }
    not_supported("This expression", e.pos);
}

void collect_aggregates(const BoundExpression& e, std::vector<const BoundExpression*>& out) {
    if (e.kind == BoundExprKind::AggregateCall) {
        out.push_back(&e);
        return;
    }
    for (const auto& c : e.children) collect_aggregates(*c, out);
}

BoundExprPtr replace_subexpressions(BoundExprPtr e,
                                    const std::vector<std::pair<const BoundExpression*, VarId>>& from,
                                    const std::vector<VariableInfo>& vars) {
    for (const auto& [pattern, var] : from)
        if (e->same_as(*pattern)) return make_variable(var, vars[var].type, e->pos);
    for (auto& c : e->children) c = replace_subexpressions(std::move(c), from, vars);
    return e;
}

}  // namespace quiver::binder
