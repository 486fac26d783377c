// Pass constant_folding: sub-expressions made only of literals are evaluated once at plan
// time. A sub-expression whose evaluation fails is left alone, so the error is raised at
// runtime as it would be without the pass.
#include "binder/bound_expression.h"
#include "optimizer/optimizer.h"
#include "planner/logical_aggregate.h"
#include "planner/logical_expand.h"
#include "planner/logical_filter.h"
#include "planner/logical_limit.h"
#include "planner/logical_order.h"
#include "planner/logical_projection.h"
#include "planner/logical_scan.h"
#include "planner/logical_unwind.h"
#include "value/value_ops.h"

namespace quiver::optimizer {

using binder::BoundExprKind;
using binder::BoundExprPtr;
using parser::BinaryOp;

namespace {

bool all_literal(const binder::BoundExpression& e) {
    for (const auto& c : e.children)
        if (c->kind != BoundExprKind::Literal) return false;
    return true;
}

Tri truth(const Value& v, bool* ok) {
    if (v.is_null()) return Tri::Null;
    if (!v.is_bool()) {
        *ok = false;
        return Tri::Null;
    }
    return v.as_bool() ? Tri::True : Tri::False;
}

// Returns true and sets out when e (with literal children) can be evaluated here.
bool evaluate(const binder::BoundExpression& e, Value& out) {
    auto lit = [&](size_t i) -> const Value& { return e.children[i]->literal; };
    switch (e.kind) {
        case BoundExprKind::Negate: out = cypher_negate(lit(0)); return true;
        case BoundExprKind::Not: {
            bool ok = true;
            Tri t = truth(lit(0), &ok);
            if (!ok) return false;
            out = tri_value(t == Tri::Null ? Tri::Null : (t == Tri::True ? Tri::False : Tri::True));
            return true;
        }
        case BoundExprKind::IsNull: out = Value::boolean(lit(0).is_null()); return true;
        case BoundExprKind::IsNotNull: out = Value::boolean(!lit(0).is_null()); return true;
        case BoundExprKind::List: {
            ValueList items;
            for (const auto& c : e.children) items.push_back(c->literal);
            out = Value::list(std::move(items));
            return true;
        }
        case BoundExprKind::Map: {
            ValueMap m;
            for (size_t i = 0; i < e.keys.size(); ++i) {
                bool dup = false;
                for (auto& kv : m)
                    if (kv.first == e.keys[i]) {
                        kv.second = lit(i);
                        dup = true;
                    }
                if (!dup) m.emplace_back(e.keys[i], lit(i));
            }
            out = Value::map(std::move(m));
            return true;
        }
        case BoundExprKind::Binary: {
            const Value& a = lit(0);
            const Value& b = lit(1);
            switch (e.op) {
                case BinaryOp::Add: out = cypher_arith(ArithOp::Add, a, b); return true;
                case BinaryOp::Sub: out = cypher_arith(ArithOp::Sub, a, b); return true;
                case BinaryOp::Mul: out = cypher_arith(ArithOp::Mul, a, b); return true;
                case BinaryOp::Div: out = cypher_arith(ArithOp::Div, a, b); return true;
                case BinaryOp::Mod: out = cypher_arith(ArithOp::Mod, a, b); return true;
                case BinaryOp::Pow: out = cypher_arith(ArithOp::Pow, a, b); return true;
                case BinaryOp::Eq: out = tri_value(cypher_equals(a, b)); return true;
                case BinaryOp::Neq: {
                    Tri t = cypher_equals(a, b);
                    out = tri_value(t == Tri::Null ? t : (t == Tri::True ? Tri::False : Tri::True));
                    return true;
                }
                case BinaryOp::And:
                case BinaryOp::Or:
                case BinaryOp::Xor: {
                    bool ok = true;
                    Tri x = truth(a, &ok), y = truth(b, &ok);
                    if (!ok) return false;
                    Tri r;
                    if (e.op == BinaryOp::And)
                        r = (x == Tri::False || y == Tri::False) ? Tri::False
                            : (x == Tri::Null || y == Tri::Null) ? Tri::Null : Tri::True;
                    else if (e.op == BinaryOp::Or)
                        r = (x == Tri::True || y == Tri::True) ? Tri::True
                            : (x == Tri::Null || y == Tri::Null) ? Tri::Null : Tri::False;
                    else
                        r = (x == Tri::Null || y == Tri::Null) ? Tri::Null : tri_of(x != y);
                    out = tri_value(r);
                    return true;
                }
                default: return false;
            }
        }
        default: return false;
    }
}

BoundExprPtr fold(BoundExprPtr e) {
    for (auto& c : e->children) c = fold(std::move(c));
    if (e->kind == BoundExprKind::Literal || !all_literal(*e)) return e;
    Value v;
    try {
        if (!evaluate(*e, v)) return e;
    } catch (const QuiverError&) {
        return e;
    }
    auto lit = binder::make_literal(std::move(v), e->pos);
    return lit;
}

void fold_list(std::vector<BoundExprPtr>& es) {
    for (auto& e : es) e = fold(std::move(e));
}

void fold_op(planner::LogicalOperator& op) {
    using namespace planner;
    switch (op.kind) {
        case LogicalOpKind::Filter: fold_list(static_cast<LogicalFilter&>(op).predicates); break;
        case LogicalOpKind::NodeScan: fold_list(static_cast<LogicalNodeScan&>(op).predicates); break;
        case LogicalOpKind::Expand: fold_list(static_cast<LogicalExpand&>(op).predicates); break;
        case LogicalOpKind::Projection:
            for (auto& [e, v] : static_cast<LogicalProjection&>(op).items) e = fold(std::move(e));
            break;
        case LogicalOpKind::Unwind: {
            auto& u = static_cast<LogicalUnwind&>(op);
            u.list = fold(std::move(u.list));
            break;
        }
        case LogicalOpKind::Sort:
            for (auto& k : static_cast<LogicalSort&>(op).keys) k.expr = fold(std::move(k.expr));
            break;
        case LogicalOpKind::Skip: {
            auto& s = static_cast<LogicalSkip&>(op);
            s.count = fold(std::move(s.count));
            break;
        }
        case LogicalOpKind::Limit: {
            auto& s = static_cast<LogicalLimit&>(op);
            s.count = fold(std::move(s.count));
            break;
        }
        case LogicalOpKind::Aggregate: {
            auto& a = static_cast<LogicalAggregate&>(op);
            for (auto& [e, v] : a.keys) e = fold(std::move(e));
            break;
        }
        default: break;
    }
    for (auto& c : op.children) fold_op(*c);
}

}  // namespace

void constant_folding(planner::LogicalPlan& plan) { fold_op(*plan.root); }

}  // namespace quiver::optimizer
