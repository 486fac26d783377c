// CALL { } subqueries (importing WITH, the variable scope clause CALL (x) { }, UNION inside,
// OPTIONAL CALL, IN TRANSACTIONS) and FOREACH.
#include <fmt/format.h>

#include <algorithm>

#include "binder/binder_internal.h"

namespace quiver::binder {

namespace {

using parser::ParsedClauseKind;

const parser::ParsedProjectionClause* final_return(const parser::ParsedSingleQuery& q) {
    if (q.clauses.empty() || q.clauses.back()->kind != ParsedClauseKind::Return) return nullptr;
    return &static_cast<const parser::ParsedProjectionClause&>(*q.clauses.back());
}

// Whether the expression mentions one of the outer variables (ignores inner shadowing).
bool mentions(const parser::ParsedExpression& e, const Scope& outer) {
    if (e.kind == parser::ParsedExprKind::Variable && outer.find(e.name)) return true;
    for (const auto& c : e.children)
        if (c && mentions(*c, outer)) return true;
    if (e.where && mentions(*e.where, outer)) return true;
    return false;
}

// The named variables of a scope, each once (its latest binding), in scope order.
std::vector<std::pair<std::string, VarId>> named_entries(const Scope& s) {
    std::vector<std::pair<std::string, VarId>> out;
    for (const auto& entry : s.entries) {
        const std::string& name = entry.first;
        if (name.empty()) continue;
        auto it = std::find_if(out.begin(), out.end(), [&](auto& x) { return x.first == name; });
        if (it != out.end()) it->second = entry.second;
        else out.push_back(entry);
    }
    return out;
}

[[noreturn]] void importing_error(const std::string& what, SourcePosition pos) {
    semantic_error("*",
                   "Importing WITH should consist only of simple references to outside "
                   "variables. " + what,
                   pos);
}

}  // namespace

namespace {
bool writes(const parser::ParsedClause& c) {
    using K = ParsedClauseKind;
    if (c.kind == K::Create || c.kind == K::Merge || c.kind == K::Set || c.kind == K::Remove ||
        c.kind == K::Delete || c.kind == K::Foreach)
        return true;
    if (c.kind != K::CallSubquery) return false;
    for (const auto& q : static_cast<const parser::ParsedCallSubqueryClause&>(c).body->queries)
        for (const auto& inner : q.clauses)
            if (writes(*inner)) return true;
    return false;
}
}  // namespace

void check_in_transactions_order(const parser::ParsedSingleQuery& q) {
    bool wrote = false;
    for (const auto& c : q.clauses) {
        if (c->kind == ParsedClauseKind::CallSubquery) {
            const auto& sub = static_cast<const parser::ParsedCallSubqueryClause&>(*c);
            if (sub.in_transactions) {
                if (wrote)
                    semantic_error(
                        "*", "CALL { ... } IN TRANSACTIONS after a write clause is not supported",
                        sub.tx_pos);
                continue;  // writes inside IN TRANSACTIONS do not count
            }
        }
        if (writes(*c)) wrote = true;
    }
}

bool returns_rows(const parser::ParsedClause& c) {
    const auto& sub = static_cast<const parser::ParsedCallSubqueryClause&>(c);
    return !sub.body->queries.empty() && final_return(sub.body->queries[0]) != nullptr;
}

// Binds one query of the subquery body. The inner scope starts with the imported variables:
// those of the scope clause, or those of an importing WITH (its first clause, made only of
// references to outer variables), or none.
BoundUnionBranch Binder::bind_subquery_branch(const parser::ParsedCallSubqueryClause& c,
                                              const parser::ParsedSingleQuery& q,
                                              const Scope& outer, std::vector<VarId>& imported,
                                              std::vector<std::string>& columns) {
    check_composition(q);
    Scope inner;
    auto import = [&](const std::string& name, VarId v) {
        inner.add(name, v);
        if (std::find(imported.begin(), imported.end(), v) == imported.end()) imported.push_back(v);
    };
    size_t first = 0;
    if (c.has_scope) {
        if (c.scope_star) {
            for (const auto& [name, v] : named_entries(outer)) import(name, v);
        } else {
            for (const auto& [name, pos] : c.scope_vars) {
                const VarId* v = outer.find(name);
                if (!v) semantic_error("UndefinedVariable", fmt::format("Variable `{}` not defined", name), pos);
                import(name, *v);
            }
        }
    } else if (!q.clauses.empty() && q.clauses[0]->kind == ParsedClauseKind::With) {
        const auto& w = static_cast<const parser::ParsedProjectionClause&>(*q.clauses[0]);
        bool any_outer = w.body.star;
        bool all_simple = true;
        for (const auto& it : w.body.items) {
            bool simple = it.expr->kind == parser::ParsedExprKind::Variable &&
                          outer.find(it.expr->name) && (it.alias.empty() || it.alias == it.expr->name);
            if (simple || mentions(*it.expr, outer)) any_outer = true;
            if (!simple) all_simple = false;
        }
        if (any_outer) {
            if (!all_simple)
                importing_error("Aliasing or expressions are not supported.", w.pos);
            if (w.body.distinct) importing_error("DISTINCT is not allowed.", w.pos);
            if (!w.body.order_by.empty()) importing_error("ORDER BY is not allowed.", w.pos);
            if (w.where) importing_error("WHERE is not allowed.", w.pos);
            if (w.body.skip) importing_error("SKIP is not allowed.", w.pos);
            if (w.body.limit) importing_error("LIMIT is not allowed.", w.pos);
            if (w.body.star)
                for (const auto& [name, v] : named_entries(outer)) import(name, v);
            for (const auto& it : w.body.items) import(it.expr->name, *outer.find(it.expr->name));
            first = 1;
        }
    }

    scope_ = inner;
    out_.columns.clear();
    out_.column_vars.clear();
    for (size_t i = first; i < q.clauses.size(); ++i) bind_clause(*q.clauses[i], false);

    BoundUnionBranch b;
    b.clauses = std::move(out_.clauses);
    out_.clauses.clear();
    if (const auto* ret = final_return(q)) {
        for (const auto& it : ret->body.items)
            if (it.alias.empty() && it.expr->kind != parser::ParsedExprKind::Variable)
                semantic_error("*", "Expression in CALL { RETURN ... } must be aliased (use AS)",
                               it.pos);
        for (const auto& name : out_.columns)
            if (outer.find(name))
                semantic_error("VariableAlreadyBound",
                               fmt::format("Variable `{}` already declared in outer scope", name),
                               ret->pos);
        if (columns.empty()) {
            columns = out_.columns;
            b.column_vars = out_.column_vars;
        } else {
            std::vector<std::string> a = columns, n = out_.columns;
            std::sort(a.begin(), a.end());
            std::sort(n.begin(), n.end());
            if (a != n)
                semantic_error("DifferentColumnsInUnion",
                               "All sub queries in an UNION must have the same return column names",
                               c.body->pos);
            for (const auto& name : columns)
                for (size_t k = 0; k < out_.columns.size(); ++k)
                    if (out_.columns[k] == name) b.column_vars.push_back(out_.column_vars[k]);
        }
    }
    return b;
}

void Binder::bind_call_subquery(const parser::ParsedCallSubqueryClause& c) {
    const parser::ParsedStatement& st = *c.body;
    for (size_t i = 1; i < st.union_all.size(); ++i)
        if (st.union_all[i] != st.union_all[0])
            semantic_error("InvalidClauseComposition", "Invalid combination of UNION and UNION ALL",
                           st.pos);
    if (c.in_transactions) {
        if (call_depth_ > 0)
            semantic_error("*",
                           "CALL { ... } IN TRANSACTIONS nested in a regular CALL is not supported",
                           c.tx_pos);
        if (in_union_)
            semantic_error("*", "CALL { ... } IN TRANSACTIONS in a UNION is not supported",
                           c.tx_pos);
        if (!c.report_status.empty() && c.on_error == parser::ParsedOnError::Fail)
            semantic_error("*",
                           "REPORT STATUS can only be used when specifying ON ERROR CONTINUE or "
                           "ON ERROR BREAK",
                           c.report_pos);
    }
    auto sub = std::make_unique<BoundCallSubqueryClause>();
    sub->optional = c.optional;
    sub->union_distinct = !st.union_all.empty() && !st.union_all[0];

    auto saved_clauses = std::move(out_.clauses);
    out_.clauses.clear();
    auto saved_columns = std::move(out_.columns);
    auto saved_column_vars = std::move(out_.column_vars);
    const Scope outer = scope_;
    const bool saved_updates = out_.has_updates;
    out_.has_updates = false;
    ++call_depth_;
    std::vector<std::string> columns;
    for (const auto& q : st.queries) {
        bool returns = final_return(q) != nullptr;
        if (!sub->branches.empty() && returns == sub->unit)
            semantic_error("InvalidClauseComposition",
                           "All sub queries in an UNION must have the same return column names",
                           st.pos);
        sub->unit = !returns;
        sub->branches.push_back(bind_subquery_branch(c, q, outer, sub->imported, columns));
    }
    --call_depth_;
    sub->writes = out_.has_updates;
    out_.has_updates = saved_updates || sub->writes;
    out_.clauses = std::move(saved_clauses);
    out_.columns = std::move(saved_columns);
    out_.column_vars = std::move(saved_column_vars);
    scope_ = outer;

    // Fresh variables for the returned columns: the outer row keeps its own slots intact (an
    // OPTIONAL CALL may pad the columns with null, RETURN t AS x must not touch t).
    for (size_t i = 0; i < columns.size(); ++i) {
        VarKind kind = VarKind::Value;
        StaticType type = StaticType::Any;
        if (sub->branches.size() == 1) {
            const auto& vi = info(sub->branches[0].column_vars[i]);
            kind = vi.kind;
            type = vi.type;
        }
        VarId v = new_var(columns[i], kind, type);
        sub->return_vars.push_back(v);
        scope_.add(columns[i], v);
    }

    if (c.in_transactions) {
        sub->in_transactions = true;
        out_.in_transactions = true;
        // OF n ROWS and IN n CONCURRENT TRANSACTIONS see no variables.
        auto bind_constant = [&](const parser::ParsedExpression& e, const char* clause) {
            Scope saved = std::move(scope_);
            scope_ = Scope{};
            ExprContext ctx;
            ctx.clause = clause;
            auto b = bind_expr(e, ctx);
            scope_ = std::move(saved);
            return b;
        };
        if (c.batch_size) sub->batch_size = bind_constant(*c.batch_size, "OF ... ROWS");
        sub->concurrent = c.concurrent;
        if (c.concurrency)
            sub->concurrency = bind_constant(*c.concurrency, "IN ... CONCURRENT TRANSACTIONS");
        sub->on_error = c.on_error == parser::ParsedOnError::Continue ? OnErrorMode::Continue
                        : c.on_error == parser::ParsedOnError::Break  ? OnErrorMode::Break
                                                                      : OnErrorMode::Fail;
        if (!c.report_status.empty()) {
            if (scope_.find(c.report_status))
                semantic_error("VariableAlreadyBound",
                               fmt::format("Variable `{}` already declared", c.report_status),
                               c.report_pos);
            sub->status_var = new_var(c.report_status, VarKind::Value, StaticType::Map);
            scope_.add(c.report_status, sub->status_var);
        }
    }
    out_.clauses.push_back(std::move(sub));
}

void Binder::bind_foreach(const parser::ParsedForeachClause& c) {
    ExprContext ctx;
    ctx.clause = "FOREACH";
    auto f = std::make_unique<BoundForeachClause>();
    f->list = bind_expr(*c.list, ctx);
    const StaticType t = f->list->type;
    if (t != StaticType::Any && t != StaticType::Null && t != StaticType::List)
        semantic_error("InvalidArgumentType",
                       fmt::format("Type mismatch: expected List<T> but was {}", static_type_name(t)),
                       c.list->pos);
    const Scope outer = scope_;
    f->var = new_var(c.variable, VarKind::Value, StaticType::Any);
    scope_.add(c.variable, f->var);
    auto saved_clauses = std::move(out_.clauses);
    out_.clauses.clear();
    for (const auto& inner : c.clauses) bind_clause(*inner, false);
    f->clauses = std::move(out_.clauses);
    out_.clauses = std::move(saved_clauses);
    scope_ = outer;  // nothing bound inside FOREACH is visible after it
    out_.has_updates = true;
    out_.clauses.push_back(std::move(f));
}

}  // namespace quiver::binder
