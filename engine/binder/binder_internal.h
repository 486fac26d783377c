// Private to engine/binder: the Binder class. Its rules are split by phase:
// binder.cpp (statement, UNION, composition, scope), bind_expression.cpp, bind_match.cpp (MATCH,
// OPTIONAL MATCH, UNWIND), bind_projection.cpp (WITH, RETURN), bind_update.cpp (CREATE, SET,
// REMOVE, DELETE), bind_merge.cpp (MERGE), bind_call.cpp (CALL), bind_subpattern.cpp (pattern
// predicates, pattern comprehensions, EXISTS { }).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "binder/bound_statement.h"
#include "parser/parsed_statement.h"

namespace quiver::binder {

[[noreturn]] void semantic_error(const std::string& detail, const std::string& message,
                                 SourcePosition pos);
[[noreturn]] void not_supported(const std::string& what, SourcePosition pos);

// Variables visible at one point of the query; later entries shadow earlier ones.
struct Scope {
    std::vector<std::pair<std::string, VarId>> entries;
    const VarId* find(const std::string& name) const {
        for (auto it = entries.rbegin(); it != entries.rend(); ++it)
            if (it->first == name) return &it->second;
        return nullptr;
    }
    void add(std::string name, VarId v) { entries.emplace_back(std::move(name), v); }
};

// bind_path_patterns.cpp: the rules of shortestPath(...) / allShortestPaths(...) patterns, and of
// quantified relationships.
ShortestKind check_shortest_path(const parser::ParsedPatternPart& part, const Scope& scope);
void check_quantifier_mix(const std::vector<parser::ParsedPatternPart>& pattern);
ShortestKind check_path_selector(const parser::ParsedPatternPart& part);

struct ExprContext {
    bool allow_aggregates = false;
    bool inside_aggregate = false;
    bool allow_patterns = false;  // pattern predicates: only in WHERE
    const char* clause = "this context";
};

// True when a CALL { } subquery clause ends with RETURN (bind_subquery.cpp).
bool returns_rows(const parser::ParsedClause& call_subquery);
// CALL { } IN TRANSACTIONS may follow no write clause except in other such calls.
void check_in_transactions_order(const parser::ParsedSingleQuery& q);

class Binder {
public:
    BoundStatement bind(const parser::ParsedStatement& st);

private:
    friend struct ExprBinding;
    VarId new_var(std::string name, VarKind kind, StaticType type);
    VariableInfo& info(VarId v) { return out_.variables[v]; }
    static StaticType type_of_kind(VarKind k);
    static VarKind kind_of_type(StaticType t);

    void check_composition(const parser::ParsedSingleQuery& q);
    void bind_single(const parser::ParsedSingleQuery& q);
    void bind_clauses(const parser::ParsedSingleQuery& q);
    void bind_clause(const parser::ParsedClause& c, bool standalone);
    // bind_subquery.cpp: CALL { } subqueries and FOREACH
    void bind_call_subquery(const parser::ParsedCallSubqueryClause& c);
    BoundUnionBranch bind_subquery_branch(const parser::ParsedCallSubqueryClause& c,
                                          const parser::ParsedSingleQuery& q, const Scope& outer,
                                          std::vector<VarId>& imported,
                                          std::vector<std::string>& columns);
    void bind_foreach(const parser::ParsedForeachClause& c);
    BoundExprPtr bind_exists_subquery(const parser::ParsedExpression& e);
    BoundExprPtr bind_pattern_expr_as_list(const parser::ParsedExpression& e,
                                           const ExprContext& ctx);
    void bind_union(const parser::ParsedStatement& st);

    // expressions
    BoundExprPtr bind_expr(const parser::ParsedExpression& e, const ExprContext& ctx);
    BoundExprPtr bind_function(const parser::ParsedExpression& e, const ExprContext& ctx);
    BoundExprPtr bind_binary(const parser::ParsedExpression& e, const ExprContext& ctx);
    BoundExprPtr bind_pattern_expr(const parser::ParsedExpression& e, const ExprContext& ctx);
    BoundExprPtr bind_scoped(const parser::ParsedExpression& e, const ExprContext& ctx);
    void check_boolean_operand(const BoundExpression& e, const char* op);
    void split_conjuncts(BoundExprPtr e, std::vector<BoundExprPtr>& out);

    // clauses
    void bind_match(const parser::ParsedMatchClause& c);
    void bind_hints(const std::vector<parser::ParsedHint>& hints, BoundMatchClause& m);  // bind_hints.cpp
    void bind_match_pattern(const std::vector<parser::ParsedPatternPart>& pattern,
                            BoundMatchClause& m, const ExprContext& ctx);
    BoundRelPattern bind_quantified(const parser::ParsedRelPattern& pr, const ExprContext& ctx);
    // bind_path_patterns.cpp: shortestPath(...) / allShortestPaths(...) as an expression
    BoundExprPtr bind_shortest_path_expr(const parser::ParsedExpression& e, const ExprContext& ctx);
    void bind_match_part(const parser::ParsedPatternPart& part, BoundMatchClause& m,
                         const ExprContext& ctx, std::vector<VarId>& rels_here);
    void bind_call(const parser::ParsedCallClause& c, bool standalone);
    void bind_merge(const parser::ParsedMergeClause& c);
    std::unique_ptr<BoundSetClause> bind_set_items(const std::vector<parser::ParsedSetItem>& items);
    VarId bind_pattern_node(const parser::ParsedNodePattern& n, std::vector<BoundExprPtr>& preds);
    void bind_unwind(const parser::ParsedUnwindClause& c);
    void bind_projection(const parser::ParsedProjectionClause& c, bool is_return);
    BoundExprPtr bind_count_expr(const parser::ParsedExpression& e, const char* clause);
    void bind_create(const parser::ParsedCreateClause& c);
    void bind_set(const parser::ParsedSetClause& c);
    void bind_remove(const parser::ParsedRemoveClause& c);
    void bind_delete(const parser::ParsedDeleteClause& c);

    BoundStatement out_;
    Scope scope_;
    int call_depth_ = 0;     // CALL { } subqueries being bound around the current clause
    bool in_union_ = false;  // the statement is a UNION
    // bind_pattern_expr_as_list: bind the pattern as a comprehension projecting `true`.
    bool as_list_ = false;
    parser::ParsedExpression true_literal_{parser::ParsedExprKind::Literal, SourcePosition{}};
};

// Replaces, bottom-up, every sub-expression that matches one of `from` with a variable.
BoundExprPtr replace_subexpressions(BoundExprPtr e,
                                    const std::vector<std::pair<const BoundExpression*, VarId>>& from,
                                    const std::vector<VariableInfo>& vars);
// Collects every AggregateCall in e (outermost only).
void collect_aggregates(const BoundExpression& e, std::vector<const BoundExpression*>& out);

}  // namespace quiver::binder
