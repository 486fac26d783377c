// Private to engine/parser: the recursive-descent parser over the token vector. The rules are
// split by phase: parse_expression.cpp, parse_pattern.cpp, parse_clause.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parser/lexer.h"
#include "parser/parsed_statement.h"

namespace quiver::parser {

// True when a label expression tree is a plain conjunction of names (collected in out).
bool label_conjunction(const ParsedExpression& e, std::vector<std::string>& out);

class Parser {
public:
    Parser(std::string_view query, std::vector<Token> tokens)
        : q_(query), toks_(std::move(tokens)) {}

    ParsedStatement statement();
    ParsedExprPtr expression();  // Expression (OR level)
    bool at_end() const { return cur().kind == TokenKind::End; }
    [[noreturn]] void fail_expected(const std::string& what) const;

private:
    // ---- token helpers ----
    const Token& cur() const { return toks_[i_]; }
    const Token& look(size_t k) const {
        return toks_[i_ + k < toks_.size() ? i_ + k : toks_.size() - 1];
    }
    bool is_sym(std::string_view s, size_t k = 0) const {
        const Token& t = look(k);
        return t.kind == TokenKind::Symbol && t.text == s;
    }
    bool is_kw(std::string_view kw, size_t k = 0) const;  // unquoted identifier, any case
    bool accept_sym(std::string_view s) {
        if (!is_sym(s)) return false;
        ++i_;
        return true;
    }
    bool accept_kw(std::string_view kw) {
        if (!is_kw(kw)) return false;
        ++i_;
        return true;
    }
    void expect_sym(std::string_view s) {
        if (!accept_sym(s)) fail_expected("'" + std::string(s) + "'");
    }
    void expect_kw(std::string_view kw) {
        if (!accept_kw(kw)) fail_expected(std::string(kw));
    }
    std::string symbolic_name(const char* what);  // identifier (keywords allowed)
    [[noreturn]] void fail_at(const Token& t, const std::string& msg,
                              std::string detail = "UnexpectedSyntax") const;

    // ---- clauses (parse_clause.cpp) ----
    ParsedSingleQuery single_query();
    ParsedClausePtr clause();
    ParsedClausePtr match_clause(bool optional);
    ParsedHint hint();
    ParsedClausePtr unwind_clause();
    ParsedClausePtr projection_clause(bool is_with);
    void projection_body(ParsedProjectionBody& body, bool is_with);
    ParsedClausePtr create_clause();
    ParsedClausePtr merge_clause();
    ParsedClausePtr set_clause();
    void set_items(std::vector<ParsedSetItem>& out);
    ParsedClausePtr remove_clause();
    ParsedClausePtr delete_clause(bool detach);
    ParsedClausePtr call_clause();
    ParsedClausePtr foreach_clause();
    void in_transactions(ParsedCallSubqueryClause& c);
    bool at_clause_start() const;

    // ---- patterns (parse_pattern.cpp) ----
    std::vector<ParsedPatternPart> pattern();
    ParsedPatternPart pattern_part();
    ParsedPatternPart pattern_element();
    ParsedNodePattern node_pattern();
    ParsedRelPattern rel_pattern();
    // parse_quantifier.cpp: + * {n} {n,} {,m} {n,m} after a relationship or path pattern
    bool quantifier(std::optional<int64_t>& lo, std::optional<int64_t>& hi);
    bool is_quantifier_start() const;
    bool path_selector(std::string& selector, int64_t& count);
    ParsedRelPattern quantified_path();
    ParsedNodePattern anonymous_node();
    ParsedExprPtr properties();
    std::vector<std::string> label_list();
    ParsedExprPtr label_expression();  // after the leading ':'
    ParsedExprPtr label_and();
    ParsedExprPtr label_not();
    ParsedExprPtr label_atom();

    // ---- expressions (parse_expression.cpp) ----
    ParsedExprPtr xor_expr();
    ParsedExprPtr and_expr();
    ParsedExprPtr not_expr();
    ParsedExprPtr comparison();
    ParsedExprPtr predicate_expr();
    ParsedExprPtr additive();
    ParsedExprPtr multiplicative();
    ParsedExprPtr power();
    ParsedExprPtr unary();
    ParsedExprPtr postfix();
    ParsedExprPtr atom();
    ParsedExprPtr number_literal(bool negate);
    ParsedExprPtr list_or_comprehension();
    ParsedExprPtr map_literal();
    ParsedExprPtr case_expr();
    ParsedExprPtr function_or_variable();
    ParsedExprPtr parenthesized_or_pattern();
    ParsedExprPtr subquery_expr(ParsedExprKind kind);
    ParsedExprPtr map_projection(ParsedExprPtr var);
    bool try_pattern_predicate(ParsedExprPtr& out);
    bool may_start_pattern() const;

    std::string_view q_;
    std::vector<Token> toks_;
    size_t i_ = 0;
    int depth_ = 0;
    int no_label_or_ = 0;  // > 0 inside a comprehension's WHERE (before its '|')
};

}  // namespace quiver::parser
