// Patterns inside expressions: pattern predicates, pattern comprehensions and EXISTS { }.
#include <fmt/format.h>

#include <algorithm>

#include "binder/binder_internal.h"
#include "function/function.h"

namespace quiver::binder {

namespace {

bool is_update_clause(parser::ParsedClauseKind k) {
    using K = parser::ParsedClauseKind;
    return k == K::Create || k == K::Merge || k == K::Set || k == K::Remove || k == K::Delete ||
           k == K::Foreach;
}

// The full-subquery forms supported: EXISTS { MATCH pattern [WHERE ...] [RETURN items] } (a
// plain RETURN does not change whether a row exists). *ret receives that RETURN.
const parser::ParsedMatchClause* simple_exists_match(const parser::ParsedStatement& st,
                                                     const parser::ParsedProjectionClause** ret) {
    for (const auto& q : st.queries)
        for (const auto& c : q.clauses)
            if (is_update_clause(c->kind))
                semantic_error("InvalidClauseComposition",
                               "An Exists Expression cannot contain any updates", c->pos);
    if (st.queries.size() != 1) return nullptr;
    const auto& cs = st.queries[0].clauses;
    if (cs.empty() || cs.size() > 2 || cs[0]->kind != parser::ParsedClauseKind::Match)
        return nullptr;
    const auto& m = static_cast<const parser::ParsedMatchClause&>(*cs[0]);
    if (m.optional) return nullptr;
    *ret = nullptr;
    if (cs.size() == 2) {
        if (cs[1]->kind != parser::ParsedClauseKind::Return) return nullptr;
        const auto& r = static_cast<const parser::ParsedProjectionClause&>(*cs[1]);
        if (r.body.distinct || !r.body.order_by.empty() || r.body.skip || r.body.limit)
            return nullptr;
        *ret = &r;
    }
    return &m;
}

bool has_quantified_path(const std::vector<parser::ParsedPatternPart>& parts) {
    for (const auto& part : parts)
        for (const auto& r : part.rels)
            if (r.qpp) return true;
    return false;
}

// Every variable a pattern names, including those inside quantified path patterns.
void pattern_variables(const std::vector<parser::ParsedPatternPart>& parts,
                       std::vector<std::pair<std::string, SourcePosition>>& out) {
    auto add = [&](const std::string& name, SourcePosition pos) {
        if (!name.empty()) out.emplace_back(name, pos);
    };
    for (const auto& part : parts) {
        add(part.path_variable, part.pos);
        for (size_t i = 0; i < part.nodes.size(); ++i) {
            add(part.nodes[i].variable, part.nodes[i].pos);
            if (i == part.rels.size()) break;
            const auto& r = part.rels[i];
            add(r.variable, r.pos);
            if (!r.qpp) continue;
            add(r.qpp->left.variable, r.qpp->left.pos);
            add(r.qpp->right.variable, r.qpp->right.pos);
            for (size_t k = 0; k < r.qpp->more_rels.size(); ++k) {
                add(r.qpp->more_rels[k].variable, r.qpp->more_rels[k].pos);
                add(r.qpp->more_nodes[k].variable, r.qpp->more_nodes[k].pos);
            }
        }
    }
}

}  // namespace

BoundExprPtr Binder::bind_pattern_expr(const parser::ParsedExpression& e, const ExprContext& ctx) {
    using parser::ParsedExprKind;
    const std::vector<parser::ParsedPatternPart>* parts = e.pattern.get();
    const parser::ParsedExpression* where = e.where.get();
    const parser::ParsedExpression* projection = nullptr;
    const bool predicate = e.kind == ParsedExprKind::PatternPredicate;
    const bool as_list = as_list_;  // applies to this pattern only, not to nested ones
    as_list_ = false;
    // A quantified path pattern in a pattern predicate or comprehension: the parser gave the
    // equivalent MATCH subquery (EXISTS { } resp. COLLECT { }).
    if (e.subquery &&
        (e.kind == ParsedExprKind::PatternPredicate || e.kind == ParsedExprKind::PatternComprehension)) {
        if (predicate) {
            const auto& m = static_cast<const parser::ParsedMatchClause&>(
                *e.subquery->queries[0].clauses[0]);
            std::vector<std::pair<std::string, SourcePosition>> names;
            pattern_variables(m.pattern, names);
            for (const auto& [name, pos] : names)
                if (!scope_.find(name))
                    semantic_error("UndefinedVariable",
                                   fmt::format("PatternExpressions are not allowed to introduce "
                                               "new variables: '{}'.",
                                               name),
                                   pos);
        }
        return bind_exists_subquery(e);
    }
    if (!as_list &&
        (e.kind == ParsedExprKind::CountSubquery || e.kind == ParsedExprKind::CollectSubquery)) {
        if (!e.subquery) {
            if (e.kind == ParsedExprKind::CollectSubquery)
                semantic_error("InvalidClauseComposition",
                               "A Collect Expression must end with a single return column.", e.pos);
            // COUNT { pattern [WHERE ...] }: the size of a comprehension over the pattern.
            auto list = bind_pattern_expr_as_list(e, ctx);
            auto size = std::make_unique<BoundExpression>(BoundExprKind::ScalarCall, e.pos);
            size->scalar = function::find_scalar("size");
            size->type = StaticType::Int;
            size->children.push_back(std::move(list));
            return size;
        }
        return bind_exists_subquery(e);
    }
    const parser::ParsedProjectionClause* exists_return = nullptr;
    if (e.kind == ParsedExprKind::PatternComprehension) projection = e.children.back().get();
    if (as_list) projection = &true_literal_;
    if (e.kind == ParsedExprKind::ExistsSubquery && e.subquery) {
        const parser::ParsedMatchClause* m = simple_exists_match(*e.subquery, &exists_return);
        if (!m || has_quantified_path(m->pattern)) return bind_exists_subquery(e);
        parts = &m->pattern;
        where = m->where.get();
    }
    if (!parts) not_supported("This pattern expression", e.pos);

    auto out = std::make_unique<BoundExpression>(BoundExprKind::PatternMatch, e.pos);
    out->type = projection ? StaticType::List : StaticType::Bool;
    auto sp = std::make_shared<Subpattern>();
    const size_t mark = scope_.entries.size();
    ExprContext inner = ctx;
    inner.allow_patterns = true;

    auto local = [&](const std::string& name, VarKind kind, StaticType type,
                     SourcePosition pos) -> VarId {
        if (predicate && !name.empty())
            semantic_error("UndefinedVariable",
                           fmt::format("PatternExpressions are not allowed to introduce new "
                                       "variables: '{}'.",
                                       name),
                           pos);
        VarId v = new_var(name, kind, type);
        sp->locals.push_back(v);
        if (!name.empty()) scope_.add(name, v);
        return v;
    };
    auto props = [&](const parser::ParsedExprPtr& p) -> int {
        if (!p) return -1;
        out->children.push_back(bind_expr(*p, inner));
        return int(out->children.size() - 1);
    };

    for (const auto& part : *parts) {
        if (!part.path_function.empty()) not_supported(part.path_function, part.pos);
        SubpatternPart sp_part;
        for (size_t i = 0; i < part.nodes.size(); ++i) {
            const auto& pn = part.nodes[i];
            if (pn.where) not_supported("Inline WHERE in node patterns", pn.where->pos);
            SubpatternNode n;
            const VarId* found = pn.variable.empty() ? nullptr : scope_.find(pn.variable);
            if (found) {
                const auto& vi = info(*found);
                if (vi.kind != VarKind::Node && vi.kind != VarKind::Value)
                    semantic_error("VariableTypeConflict",
                                   fmt::format("Type mismatch: `{}` defined with conflicting type "
                                               "(expected Node)",
                                               pn.variable),
                                   pn.pos);
                n.var = *found;
                n.bound = true;  // bound outside, or earlier in this pattern
            } else {
                n.var = local(pn.variable, VarKind::Node, StaticType::Node, pn.pos);
            }
            if (pn.label_expr)
                not_supported("Label expressions other than :A&B in pattern expressions", pn.pos);
            n.labels = pn.labels;
            n.props = props(pn.properties);
            sp_part.nodes.push_back(std::move(n));
            if (i == part.rels.size()) break;
            const auto& pr = part.rels[i];
            if (pr.qpp) not_supported("Quantified path patterns in pattern expressions", pr.pos);
            if (pr.where) not_supported("Inline WHERE in relationship patterns", pr.where->pos);
            if (pr.type_expr)
                not_supported("Type expressions other than :A|B in pattern expressions", pr.pos);
            SubpatternRel r;
            r.types = pr.types;
            r.direction = pr.direction;
            r.var_length = pr.var_length;
            if (pr.var_length) {
                r.min_hops = pr.min_hops.value_or(1);
                r.max_hops = pr.max_hops.value_or(-1);
            }
            const VarId* rf = pr.variable.empty() ? nullptr : scope_.find(pr.variable);
            if (rf && !pr.var_length) {
                if (info(*rf).kind != VarKind::Relationship && info(*rf).kind != VarKind::Value)
                    semantic_error("VariableTypeConflict",
                                   fmt::format("Type mismatch: `{}` defined with conflicting type "
                                               "(expected Relationship)",
                                               pr.variable),
                                   pr.pos);
                r.var = *rf;
                r.bound = true;
            } else if (rf) {
                not_supported("Variable-length relationships over a bound variable", pr.pos);
            } else {
                r.var = local(pr.variable, pr.var_length ? VarKind::Value : VarKind::Relationship,
                              pr.var_length ? StaticType::List : StaticType::Relationship, pr.pos);
            }
            r.props = props(pr.properties);
            sp_part.rels.push_back(std::move(r));
        }
        if (!part.path_variable.empty()) {
            if (scope_.find(part.path_variable))
                semantic_error("VariableAlreadyBound",
                               fmt::format("Variable `{}` already declared", part.path_variable),
                               part.pos);
            sp_part.path_var = local(part.path_variable, VarKind::Path, StaticType::Path, part.pos);
        }
        sp->parts.push_back(std::move(sp_part));
    }
    if (where) {
        auto w = bind_expr(*where, inner);
        check_boolean_operand(*w, "WHERE");
        out->children.push_back(std::move(w));
        out->has_where = true;
    }
    if (projection) {
        out->children.push_back(bind_expr(*projection, inner));
        out->has_map = true;
    }
    if (exists_return) {
        // Checked for valid names only; an aggregating RETURN would always yield a row.
        ExprContext rctx = inner;
        rctx.allow_aggregates = true;
        for (const auto& item : exists_return->body.items)
            if (bind_expr(*item.expr, rctx)->contains_aggregate())
                not_supported("EXISTS with an aggregating subquery", item.pos);
    }
    scope_.entries.resize(mark);
    out->subpattern = std::move(sp);
    return out;
}

BoundExprPtr Binder::bind_pattern_expr_as_list(const parser::ParsedExpression& e,
                                               const ExprContext& ctx) {
    as_list_ = true;
    true_literal_.literal = Value::boolean(true);
    return bind_pattern_expr(e, ctx);
}

// Any other EXISTS { query }: bound as a nested query that sees the outer scope, planned
// separately and run per row.
BoundExprPtr Binder::bind_exists_subquery(const parser::ParsedExpression& e) {
    const parser::ParsedStatement& st = *e.subquery;
    if (st.queries.size() != 1) not_supported("UNION inside a subquery expression", e.pos);
    for (const auto& c : st.queries[0].clauses)
        if (is_update_clause(c->kind))
            semantic_error("InvalidClauseComposition",
                           "A subquery expression cannot contain any updates", c->pos);
    auto saved_clauses = std::move(out_.clauses);
    out_.clauses.clear();
    auto saved_columns = out_.columns;
    auto saved_column_vars = out_.column_vars;
    Scope saved_scope = scope_;
    auto out = std::make_unique<BoundExpression>(BoundExprKind::Subquery, e.pos);
    out->type = StaticType::Bool;
    out->name = "EXISTS";
    if (e.kind == parser::ParsedExprKind::CountSubquery) {
        out->type = StaticType::Int;
        out->name = "COUNT";
    } else if (e.kind == parser::ParsedExprKind::CollectSubquery ||
               e.kind == parser::ParsedExprKind::PatternComprehension) {
        out->type = StaticType::List;
        out->name = "COLLECT";
    }
    BoundSubquery sub;
    std::vector<std::string> seen;
    for (auto it = scope_.entries.rbegin(); it != scope_.entries.rend(); ++it) {
        if (std::find(seen.begin(), seen.end(), it->first) != seen.end()) continue;
        seen.push_back(it->first);
        sub.outer_vars.push_back(it->second);
        out->children.push_back(
            make_variable(it->second, info(it->second).kind == VarKind::Value
                                          ? info(it->second).type
                                          : type_of_kind(info(it->second).kind)));
    }
    out_.columns.clear();
    out_.column_vars.clear();
    const auto& cs = st.queries[0].clauses;
    bool ends_with_return = !cs.empty() && cs.back()->kind == parser::ParsedClauseKind::Return;
    if (out->name == "COLLECT" && !ends_with_return)
        semantic_error("InvalidClauseComposition",
                       "A Collect Expression must end with a single return column.", e.pos);
    bind_clauses(st.queries[0]);
    sub.return_vars = out_.column_vars;
    if (out->name == "COLLECT") {
        if (sub.return_vars.size() != 1)
            semantic_error("InvalidClauseComposition",
                           "A Collect Expression must end with a single return column.", e.pos);
        out->var = sub.return_vars[0];
    }
    sub.clauses = std::move(out_.clauses);
    out_.clauses = std::move(saved_clauses);
    out_.columns = std::move(saved_columns);
    out_.column_vars = std::move(saved_column_vars);
    scope_ = std::move(saved_scope);
    out->subquery = int(out_.subqueries.size());
    out_.subqueries.push_back(std::move(sub));
    return out;
}

}  // namespace quiver::binder
