// WITH and RETURN binding: star expansion, aliases, aggregation split, ORDER BY scoping,
// SKIP/LIMIT checks.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "binder/binder_internal.h"

namespace quiver::binder {

namespace {

// Grouping keys that may be reused inside an aggregating expression: a variable or a property
// of a variable (Neo4j rejects more complex expressions as ambiguous).
bool simple_key(const BoundExpression& e) {
    if (e.kind == BoundExprKind::Variable) return true;
    return e.kind == BoundExprKind::Property && e.children[0]->kind == BoundExprKind::Variable;
}

bool only_vars_in(const BoundExpression& e, const std::set<VarId>& allowed, VarId* offender) {
    std::vector<VarId> vars;
    e.collect_variables(vars);
    for (VarId v : vars)
        if (!allowed.count(v)) {
            *offender = v;
            return false;
        }
    return true;
}

}  // namespace

// SKIP / LIMIT: a constant non-negative integer expression.
BoundExprPtr Binder::bind_count_expr(const parser::ParsedExpression& e, const char* clause) {
    Scope saved = std::move(scope_);
    scope_ = Scope{};
    BoundExprPtr b;
    try {
        ExprContext ctx;
        b = bind_expr(e, ctx);
    } catch (const QuiverError& err) {
        scope_ = std::move(saved);
        if (err.tck_detail() == "UndefinedVariable")
            semantic_error("NonConstantExpression",
                           fmt::format("It is not allowed to refer to variables in {}", clause), e.pos);
        throw;
    }
    scope_ = std::move(saved);
    if (b->kind == BoundExprKind::Literal) {
        const Value& v = b->literal;
        if (v.is_int() && v.as_int() < 0)
            semantic_error("NegativeIntegerArgument",
                           fmt::format("Invalid input. '{}' is not a valid value. Must be a "
                                       "non-negative integer.",
                                       v.as_int()),
                           e.pos);
        if (!v.is_int())
            semantic_error("InvalidArgumentType",
                           fmt::format("Invalid input. '{}' is not a valid value. Must be a "
                                       "non-negative integer.",
                                       b->describe()),
                           e.pos);
    }
    return b;
}

void Binder::bind_projection(const parser::ParsedProjectionClause& c, bool is_return) {
    const auto& body = c.body;
    auto p = std::make_unique<BoundProjectionClause>();
    p->is_return = is_return;
    p->distinct = body.distinct;
    ExprContext ctx;
    ctx.allow_aggregates = true;
    ctx.clause = is_return ? "RETURN" : "WITH";

    // 1. Items (star first: every named variable in scope, sorted by name).
    struct Item {
        BoundExprPtr expr;
        std::string name;
        SourcePosition pos;
        bool is_var = false;
    };
    std::vector<Item> items;
    const parser::ParsedProjectionItem* unaliased = nullptr;
    if (body.star) {
        std::vector<std::pair<std::string, VarId>> named;
        for (const auto& entry : scope_.entries) {
            const std::string& name = entry.first;
            if (name.empty()) continue;
            auto it = std::find_if(named.begin(), named.end(), [&](auto& x) { return x.first == name; });
            if (it != named.end()) it->second = entry.second;
            else named.push_back(entry);
        }
        if (named.empty() && body.items.empty() && is_return)
            semantic_error("NoVariablesInScope",
                           fmt::format("{} * is not allowed when there are no variables in scope",
                                       is_return ? "RETURN" : "WITH"),
                           c.pos);
        std::sort(named.begin(), named.end());
        for (const auto& [name, v] : named)
            items.push_back({make_variable(v, info(v).type, c.pos), name, c.pos, true});
    }
    for (const auto& it : body.items) {
        Item item;
        item.expr = bind_expr(*it.expr, ctx);
        item.pos = it.pos;
        item.is_var = it.expr->kind == parser::ParsedExprKind::Variable;
        if (!it.alias.empty()) {
            item.name = it.alias;
        } else if (item.is_var) {
            item.name = it.expr->name;
        } else {
            // Reported after ORDER BY is bound: Neo4j reports ambiguous aggregation first.
            if (!is_return && !unaliased) unaliased = &it;
            item.name = it.text;
        }
        items.push_back(std::move(item));
    }
    for (size_t i = 0; i < items.size(); ++i)
        for (size_t j = i + 1; j < items.size(); ++j)
            if (items[i].name == items[j].name)
                semantic_error("ColumnNameConflict",
                               fmt::format("Multiple result columns with the same name are not "
                                           "supported ({})",
                                           items[i].name),
                               items[j].pos);

    // 2. Variables of the items: a plain variable keeps its id (binder promise 2).
    std::vector<VarId> item_vars;
    for (auto& it : items) {
        if (it.expr->kind == BoundExprKind::Variable) {
            item_vars.push_back(it.expr->var);
        } else {
            StaticType t = it.expr->type;
            item_vars.push_back(new_var(it.name, kind_of_type(t), t));
        }
    }
    p->aggregating = std::any_of(items.begin(), items.end(),
                                 [](const Item& i) { return i.expr->contains_aggregate(); });

    // 3. Aggregation split.
    std::vector<std::pair<const BoundExpression*, VarId>> key_map, agg_map;
    std::set<VarId> visible_after;  // variables the row holds after the projection
    if (p->aggregating) {
        for (size_t i = 0; i < items.size(); ++i) {
            if (items[i].expr->contains_aggregate()) continue;
            BoundProjectionItem k;
            k.expr = items[i].expr->clone();
            k.var = item_vars[i];
            k.name = items[i].name;
            p->group_keys.push_back(std::move(k));
        }
        for (const auto& k : p->group_keys) {
            if (simple_key(*k.expr)) key_map.emplace_back(k.expr.get(), k.var);
            visible_after.insert(k.var);
        }
        for (auto& it : items) {
            if (!it.expr->contains_aggregate()) continue;
            std::vector<const BoundExpression*> aggs;
            collect_aggregates(*it.expr, aggs);
            for (const auto* a : aggs) {
                bool seen = std::any_of(p->aggregates.begin(), p->aggregates.end(),
                                        [&](const BoundProjectionItem& x) { return x.expr->same_as(*a); });
                if (seen) continue;
                BoundProjectionItem ai;
                ai.expr = a->clone();
                ai.var = new_var("", VarKind::Value, a->type);
                p->aggregates.push_back(std::move(ai));
            }
        }
        for (const auto& a : p->aggregates) {
            agg_map.emplace_back(a.expr.get(), a.var);
            visible_after.insert(a.var);
        }
        auto both = agg_map;
        both.insert(both.end(), key_map.begin(), key_map.end());
        for (size_t i = 0; i < items.size(); ++i) {
            BoundProjectionItem out;
            out.var = item_vars[i];
            out.name = items[i].name;
            if (!items[i].expr->contains_aggregate()) {
                out.expr = make_variable(item_vars[i], info(item_vars[i]).type, items[i].pos);
            } else {
                out.expr = replace_subexpressions(items[i].expr->clone(), both, out_.variables);
                VarId bad;
                if (!only_vars_in(*out.expr, visible_after, &bad))
                    semantic_error("AmbiguousAggregationExpression",
                                   fmt::format("Aggregation column contains implicit grouping "
                                               "expressions: `{}` must be a grouping key",
                                               out_.variables[bad].name),
                                   items[i].pos);
            }
            p->items.push_back(std::move(out));
        }
    } else {
        for (size_t i = 0; i < items.size(); ++i) {
            BoundProjectionItem out;
            out.var = item_vars[i];
            out.name = items[i].name;
            out.expr = std::move(items[i].expr);
            p->items.push_back(std::move(out));
        }
    }
    for (VarId v : item_vars) visible_after.insert(v);

    // 4. New scope: the projected names.
    Scope next;
    for (const auto& it : p->items) next.add(it.name, it.var);

    // 5. ORDER BY and WITH ... WHERE: projected names shadow earlier variables; after DISTINCT
    //    or aggregation only projected values (or simple expressions equal to projected ones,
    //    and aggregates) are reachable.
    std::vector<std::pair<const BoundExpression*, VarId>> item_map;
    if (!p->aggregating) {
        for (size_t i = 0; i < p->items.size(); ++i)
            item_map.emplace_back(p->items[i].expr.get(), item_vars[i]);
    } else {
        for (size_t i = 0; i < items.size(); ++i)
            if (simple_key(*items[i].expr) || items[i].expr->kind == BoundExprKind::AggregateCall)
                item_map.emplace_back(items[i].expr.get(), item_vars[i]);
    }
    bool restricted = p->distinct || p->aggregating;
    auto bind_after = [&](const parser::ParsedExpression& pe, bool allow_aggregates,
                          const char* clause) {
        size_t mark = scope_.entries.size();
        for (const auto& e : next.entries) scope_.add(e.first, e.second);
        ExprContext octx;
        octx.allow_aggregates = allow_aggregates;
        octx.allow_patterns = !allow_aggregates;  // WHERE
        octx.clause = clause;
        auto e = bind_expr(pe, octx);
        scope_.entries.resize(mark);
        bool had_aggregate = e->contains_aggregate();
        e = replace_subexpressions(std::move(e), item_map, out_.variables);
        if (p->aggregating && allow_aggregates) {
            std::vector<const BoundExpression*> aggs;
            collect_aggregates(*e, aggs);
            for (const auto* a : aggs) {
                bool seen = std::any_of(p->aggregates.begin(), p->aggregates.end(),
                                        [&](const BoundProjectionItem& x) { return x.expr->same_as(*a); });
                if (seen) continue;
                BoundProjectionItem ai;
                ai.expr = a->clone();
                ai.var = new_var("", VarKind::Value, a->type);
                visible_after.insert(ai.var);
                p->aggregates.push_back(std::move(ai));
            }
            agg_map.clear();
            for (const auto& a : p->aggregates) agg_map.emplace_back(a.expr.get(), a.var);
            auto both = agg_map;
            both.insert(both.end(), key_map.begin(), key_map.end());
            e = replace_subexpressions(std::move(e), both, out_.variables);
        }
        VarId bad;
        if (restricted && !only_vars_in(*e, visible_after, &bad)) {
            // A variable that only occurs inside a projected (complex) expression makes the
            // aggregation ambiguous; one that is not projected at all is undefined here.
            bool projected_inside = false;
            for (const auto& it : items) {
                if (!it.expr) continue;  // moved into p->items (no aggregation)
                std::vector<VarId> vs;
                it.expr->collect_variables(vs);
                if (std::find(vs.begin(), vs.end(), bad) != vs.end()) projected_inside = true;
            }
            if (p->aggregating && had_aggregate && projected_inside)
                semantic_error("AmbiguousAggregationExpression",
                               fmt::format("Aggregation column contains implicit grouping "
                                           "expressions: `{}` must be a grouping key",
                                           out_.variables[bad].name),
                               pe.pos);
            semantic_error("UndefinedVariable",
                           fmt::format("In a WITH/RETURN with DISTINCT or an aggregation, it is "
                                       "not possible to access variables declared before the "
                                       "WITH/RETURN: {}",
                                       out_.variables[bad].name),
                           pe.pos);
        }
        return e;
    };
    for (const auto& s : body.order_by) {
        BoundSortItem si;
        si.descending = s.descending;
        si.expr = bind_after(*s.expr, p->aggregating, "ORDER BY");
        p->order_by.push_back(std::move(si));
    }

    if (unaliased)
        semantic_error("NoExpressionAlias", "Expression in WITH must be aliased (use AS)",
                       unaliased->pos);

    // 6. SKIP / LIMIT.
    if (body.skip) p->skip = bind_count_expr(*body.skip, "SKIP");
    if (body.limit) p->limit = bind_count_expr(*body.limit, "LIMIT");

    // 7. WITH ... WHERE (same visibility as ORDER BY), then the new scope.
    if (c.where) {
        auto w = bind_after(*c.where, false, "WHERE");
        check_boolean_operand(*w, "WHERE");
        split_conjuncts(std::move(w), p->where);
    }
    scope_ = std::move(next);
    if (is_return) {
        for (const auto& it : p->items) {
            out_.columns.push_back(it.name);
            out_.column_vars.push_back(it.var);
        }
    }
    out_.clauses.push_back(std::move(p));
}

}  // namespace quiver::binder
