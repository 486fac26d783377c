#include "binder/binder.h"

#include <fmt/format.h>

#include <algorithm>

#include "binder/binder_internal.h"

namespace quiver::binder {

void semantic_error(const std::string& detail, const std::string& message, SourcePosition pos) {
    std::string msg = message;
    if (pos.known())
        msg += fmt::format(" (line {}, column {} (offset: {}))", pos.line, pos.column, pos.offset);
    throw_semantic(detail, msg, pos);
}

void not_supported(const std::string& what, SourcePosition pos) {
    semantic_error("*", what + " is not supported yet", pos);
}

StaticType Binder::type_of_kind(VarKind k) {
    switch (k) {
        case VarKind::Node: return StaticType::Node;
        case VarKind::Relationship: return StaticType::Relationship;
        case VarKind::Path: return StaticType::Path;
        case VarKind::Value: return StaticType::Any;
    }
    return StaticType::Any;
}

VarKind Binder::kind_of_type(StaticType t) {
    switch (t) {
        case StaticType::Node: return VarKind::Node;
        case StaticType::Relationship: return VarKind::Relationship;
        case StaticType::Path: return VarKind::Path;
        default: return VarKind::Value;
    }
}

VarId Binder::new_var(std::string name, VarKind kind, StaticType type) {
    VariableInfo vi;
    vi.name = std::move(name);
    vi.kind = kind;
    vi.type = kind == VarKind::Value ? type : type_of_kind(kind);
    out_.variables.push_back(std::move(vi));
    return static_cast<VarId>(out_.variables.size() - 1);
}

namespace {
bool is_update(parser::ParsedClauseKind k) {
    using K = parser::ParsedClauseKind;
    return k == K::Create || k == K::Merge || k == K::Set || k == K::Remove || k == K::Delete ||
           k == K::Foreach;
}
const char* clause_name(parser::ParsedClauseKind k) {
    using K = parser::ParsedClauseKind;
    switch (k) {
        case K::Match: return "MATCH";
        case K::Unwind: return "UNWIND";
        case K::With: return "WITH";
        case K::Return: return "RETURN";
        case K::Create: return "CREATE";
        case K::Merge: return "MERGE";
        case K::Set: return "SET";
        case K::Remove: return "REMOVE";
        case K::Delete: return "DELETE";
        case K::Call: return "CALL";
        case K::CallSubquery: return "CALL";
        case K::Foreach: return "FOREACH";
        case K::LoadCsv: return "LOAD CSV";
    }
    return "?";
}
}  // namespace

void Binder::check_composition(const parser::ParsedSingleQuery& q) {
    using K = parser::ParsedClauseKind;
    const auto& cs = q.clauses;
    bool after_update = false;
    for (size_t i = 0; i < cs.size(); ++i) {
        K k = cs[i]->kind;
        if (k == K::Return && i + 1 != cs.size())
            semantic_error("InvalidClauseComposition", "RETURN can only be used at the end of the query",
                           cs[i]->pos);
        if ((k == K::Match || k == K::Unwind || k == K::Call || k == K::CallSubquery) && after_update)
            semantic_error("InvalidClauseComposition",
                           fmt::format("WITH is required between {} and {}",
                                       clause_name(cs[i - 1]->kind), clause_name(k)),
                           cs[i]->pos);
        if (is_update(k)) after_update = true;
        if (k == K::With) after_update = false;
    }
    check_in_transactions_order(q);
    K last = cs.back()->kind;
    if (last == K::CallSubquery && returns_rows(*cs.back()))
        semantic_error("InvalidClauseComposition",
                       "Query cannot conclude with CALL (must be a RETURN clause, an update clause, "
                       "a unit subquery call, or a procedure call with no YIELD)",
                       cs.back()->pos);
    if (last != K::Return && !is_update(last) && last != K::Call && last != K::CallSubquery)
        semantic_error("InvalidClauseComposition",
                       fmt::format("Query cannot conclude with {} (must be a RETURN clause, an update "
                                   "clause, a unit subquery call, or a procedure call with no YIELD)",
                                   clause_name(last)),
                       cs.back()->pos);
}

BoundStatement Binder::bind(const parser::ParsedStatement& st) {
    if (st.prefix != parser::ParsedStatementPrefix::None) not_supported("EXPLAIN/PROFILE", st.pos);
    if (st.queries.size() > 1) {
        in_union_ = true;
        bind_union(st);
        return std::move(out_);
    }
    bind_single(st.queries[0]);
    return std::move(out_);
}

void Binder::bind_union(const parser::ParsedStatement& st) {
    for (size_t i = 1; i < st.union_all.size(); ++i)
        if (st.union_all[i] != st.union_all[0])
            semantic_error("InvalidClauseComposition", "Invalid combination of UNION and UNION ALL",
                           st.pos);
    std::vector<std::string> names;
    for (size_t i = 0; i < st.queries.size(); ++i) {
        scope_ = Scope{};
        out_.columns.clear();
        out_.column_vars.clear();
        bind_single(st.queries[i]);
        BoundUnionBranch b;
        b.clauses = std::move(out_.clauses);
        out_.clauses.clear();
        if (i == 0) {
            names = out_.columns;
            b.column_vars = out_.column_vars;
        } else {
            std::vector<std::string> a = names, c = out_.columns;
            std::sort(a.begin(), a.end());
            std::sort(c.begin(), c.end());
            if (a != c)
                semantic_error("DifferentColumnsInUnion",
                               "All sub queries in an UNION must have the same return column names",
                               st.pos);
            for (const auto& n : names)
                for (size_t k = 0; k < out_.columns.size(); ++k)
                    if (out_.columns[k] == n) b.column_vars.push_back(out_.column_vars[k]);
        }
        out_.union_branches.push_back(std::move(b));
    }
    out_.union_distinct = !st.union_all[0];
    out_.columns = names;
    out_.column_vars.clear();
    for (const auto& n : names) out_.column_vars.push_back(new_var(n, VarKind::Value, StaticType::Any));
}

void Binder::bind_single(const parser::ParsedSingleQuery& q) {
    check_composition(q);
    bind_clauses(q);
}

void Binder::bind_clauses(const parser::ParsedSingleQuery& q) {
    for (const auto& c : q.clauses) bind_clause(*c, q.clauses.size() == 1);
}

void Binder::bind_clause(const parser::ParsedClause& c, bool standalone) {
    using K = parser::ParsedClauseKind;
    switch (c.kind) {
        case K::Match: bind_match(static_cast<const parser::ParsedMatchClause&>(c)); break;
        case K::Unwind: bind_unwind(static_cast<const parser::ParsedUnwindClause&>(c)); break;
        case K::With:
        case K::Return:
            bind_projection(static_cast<const parser::ParsedProjectionClause&>(c),
                            c.kind == K::Return);
            break;
        case K::Create: bind_create(static_cast<const parser::ParsedCreateClause&>(c)); break;
        case K::Set: bind_set(static_cast<const parser::ParsedSetClause&>(c)); break;
        case K::Remove: bind_remove(static_cast<const parser::ParsedRemoveClause&>(c)); break;
        case K::Delete: bind_delete(static_cast<const parser::ParsedDeleteClause&>(c)); break;
        case K::Merge: bind_merge(static_cast<const parser::ParsedMergeClause&>(c)); break;
        case K::Call: bind_call(static_cast<const parser::ParsedCallClause&>(c), standalone); break;
        case K::CallSubquery:
            bind_call_subquery(static_cast<const parser::ParsedCallSubqueryClause&>(c));
            break;
        case K::Foreach: bind_foreach(static_cast<const parser::ParsedForeachClause&>(c)); break;
        default: not_supported(clause_name(c.kind), c.pos);
    }
}

BoundStatement bind_statement(const parser::ParsedStatement& statement) {
    Binder b;
    return b.bind(statement);
}

}  // namespace quiver::binder
