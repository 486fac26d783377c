// quiver::parser — clauses and statements of the AST.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parser/parsed_expression.h"
#include "parser/parsed_pattern.h"

namespace quiver::parser {

enum class ParsedClauseKind : uint8_t {
    Match,
    Unwind,
    With,
    Return,
    Create,
    Merge,
    Set,
    Remove,
    Delete,
    Call,
    CallSubquery,
    Foreach,
    LoadCsv,
};

struct ParsedClause {
    ParsedClauseKind kind;
    SourcePosition pos;
    ParsedClause(ParsedClauseKind k, SourcePosition p) : kind(k), pos(p) {}
    virtual ~ParsedClause() = default;
};
using ParsedClausePtr = std::unique_ptr<ParsedClause>;

// A planner hint after a MATCH pattern: USING [RANGE|TEXT|POINT] INDEX [SEEK] v:L(p, ...),
// USING SCAN v:L, USING JOIN ON v[, w...].
enum class ParsedHintKind : uint8_t { Index, Scan, Join };
struct ParsedHint {
    ParsedHintKind kind = ParsedHintKind::Index;
    std::string index_type;  // "RANGE", "TEXT", "POINT"; empty = any
    bool seek = false;       // USING INDEX SEEK
    std::string variable;    // index and scan hints
    std::string label;       // label or relationship type
    std::vector<std::string> properties;
    std::vector<std::string> join_variables;
    std::vector<SourcePosition> join_positions;
    std::string text;  // the hint as written (normalized), for messages
    SourcePosition pos;
};

struct ParsedMatchClause final : ParsedClause {
    bool optional = false;
    std::vector<ParsedPatternPart> pattern;
    std::vector<ParsedHint> hints;
    ParsedExprPtr where;
    using ParsedClause::ParsedClause;
};

struct ParsedUnwindClause final : ParsedClause {
    ParsedExprPtr list;
    std::string alias;
    using ParsedClause::ParsedClause;
};

struct ParsedProjectionItem {
    ParsedExprPtr expr;
    std::string alias;  // empty when none was written
    std::string text;   // verbatim source of the expression (the column name without alias)
    SourcePosition pos;
};

struct ParsedSortItem {
    ParsedExprPtr expr;
    bool descending = false;
};

struct ParsedProjectionBody {
    bool distinct = false;
    bool star = false;  // RETURN * / WITH *
    std::vector<ParsedProjectionItem> items;
    std::vector<ParsedSortItem> order_by;
    ParsedExprPtr skip, limit;
};

// WITH and RETURN share the projection body; only WITH has WHERE.
struct ParsedProjectionClause final : ParsedClause {
    ParsedProjectionBody body;
    ParsedExprPtr where;
    using ParsedClause::ParsedClause;
};

struct ParsedCreateClause final : ParsedClause {
    std::vector<ParsedPatternPart> pattern;
    using ParsedClause::ParsedClause;
};

enum class ParsedSetKind : uint8_t { Property, ReplaceProperties, MergeProperties, Labels };

struct ParsedSetItem {
    ParsedSetKind kind;
    SourcePosition pos;
    ParsedExprPtr target;  // Property: the n.p expression; otherwise the variable expression
    ParsedExprPtr value;
    std::vector<std::string> labels;
};

struct ParsedSetClause final : ParsedClause {
    std::vector<ParsedSetItem> items;
    using ParsedClause::ParsedClause;
};

struct ParsedMergeClause final : ParsedClause {
    ParsedPatternPart pattern;
    std::vector<ParsedSetItem> on_create, on_match;
    using ParsedClause::ParsedClause;
};

struct ParsedRemoveItem {
    SourcePosition pos;
    ParsedExprPtr target;             // n.p (property) or n (labels)
    std::vector<std::string> labels;  // non-empty: label removal
};

struct ParsedRemoveClause final : ParsedClause {
    std::vector<ParsedRemoveItem> items;
    using ParsedClause::ParsedClause;
};

struct ParsedDeleteClause final : ParsedClause {
    bool detach = false;
    std::vector<ParsedExprPtr> targets;
    using ParsedClause::ParsedClause;
};

struct ParsedYieldItem {
    std::string field, alias;
    SourcePosition pos;
};

struct ParsedCallClause final : ParsedClause {
    std::string procedure;  // dotted name
    bool explicit_args = false;
    std::vector<ParsedExprPtr> args;
    bool yield_star = false;
    std::vector<ParsedYieldItem> yields;
    ParsedExprPtr where;
    using ParsedClause::ParsedClause;
};

struct ParsedStatement;
enum class ParsedOnError : uint8_t { Fail, Continue, Break };

// CALL [( scope )] { body } [IN TRANSACTIONS ...]; OPTIONAL CALL pads with nulls.
struct ParsedCallSubqueryClause final : ParsedClause {
    std::shared_ptr<ParsedStatement> body;
    bool optional = false;
    bool has_scope = false;   // CALL (...) { }: the Neo4j 5 variable scope clause
    bool scope_star = false;  // CALL (*) { }
    std::vector<std::pair<std::string, SourcePosition>> scope_vars;
    bool in_transactions = false;
    SourcePosition tx_pos;
    ParsedExprPtr batch_size;  // OF n ROWS; null: default
    bool concurrent = false;   // IN [n] CONCURRENT TRANSACTIONS
    ParsedExprPtr concurrency;  // the n; null: default
    ParsedOnError on_error = ParsedOnError::Fail;
    std::string report_status;  // REPORT STATUS AS name
    SourcePosition report_pos;
    using ParsedClause::ParsedClause;
};

struct ParsedForeachClause final : ParsedClause {
    std::string variable;
    ParsedExprPtr list;
    std::vector<ParsedClausePtr> clauses;
    using ParsedClause::ParsedClause;
};

struct ParsedSingleQuery {
    std::vector<ParsedClausePtr> clauses;
};

enum class ParsedStatementPrefix : uint8_t { None, Explain, Profile };

struct ParsedStatement {
    ParsedStatementPrefix prefix = ParsedStatementPrefix::None;
    std::vector<ParsedSingleQuery> queries;  // joined by UNION
    std::vector<bool> union_all;             // union_all[i] joins queries[i] and [i + 1]
    SourcePosition pos;
};

}  // namespace quiver::parser
