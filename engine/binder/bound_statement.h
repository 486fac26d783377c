// quiver::binder — bound clauses and the bound statement handed to the planner.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "binder/bound_expression.h"
#include "parser/parsed_pattern.h"

namespace quiver::function {
struct Procedure;
}

namespace quiver::binder {

enum class VarKind : uint8_t { Node, Relationship, Path, Value };

struct VariableInfo {
    std::string name;  // empty for anonymous pattern elements and internal temporaries
    VarKind kind = VarKind::Value;
    StaticType type = StaticType::Any;
};

struct BoundNodePattern {
    VarId var;
    std::vector<std::string> labels;
    BoundExprPtr properties;  // map literal / parameter; null when absent
    SourcePosition pos;
};

// One iteration of a quantified path pattern ((left)-[rel]->(right) WHERE ...){m,n}: singleton
// variables of its nodes and relationship (visible inside only) and the predicates each
// iteration must satisfy. Outside, the names are group variables: lists with one entry per
// iteration (the relationship's group is BoundRelPattern::var).
// A longer chain ((left)-[rel]->(right)-[r2]->(n2)...) continues with `more` (pattern order);
// then BoundRelPattern::var is the flat list of every relationship of the match and
// `rel_group` the group variable of the first relationship.
struct BoundQuantifiedHop {
    VarId rel = kNoVar, node = kNoVar;  // singletons: the relationship and the node it reaches
    VarId rel_group = kNoVar, node_group = kNoVar;
    std::vector<std::string> types;
    parser::PatternDirection direction = parser::PatternDirection::Both;
};

struct BoundQuantifiedStep {
    VarId left = kNoVar, rel = kNoVar, right = kNoVar;
    VarId left_group = kNoVar, right_group = kNoVar;
    VarId rel_group = kNoVar;  // only with `more`
    std::vector<BoundQuantifiedHop> more;
    std::vector<BoundExprPtr> predicates;
    size_t hops() const { return 1 + more.size(); }
};

struct BoundRelPattern {
    VarId var;
    std::vector<std::string> types;
    BoundExprPtr properties;
    parser::PatternDirection direction = parser::PatternDirection::Both;
    SourcePosition pos;
    bool var_length = false;  // var then holds the list of relationships of the match
    int64_t min_hops = 1;
    int64_t max_hops = -1;  // -1: unbounded
    std::shared_ptr<BoundQuantifiedStep> step;  // quantified path pattern; null otherwise
};

// shortestPath(...) / allShortestPaths(...) around a single-relationship pattern part, or a
// Neo4j 5 path selector: Single = k paths (SHORTEST k, ANY k), All = every shortest path
// (ALL SHORTEST), Groups = every path of the k shortest lengths (SHORTEST k GROUPS).
enum class ShortestKind : uint8_t { None, Single, All, Groups };

struct BoundPatternPart {
    VarId path_var = kNoVar;
    ShortestKind shortest = ShortestKind::None;
    bool selector = false;  // a path selector: WHERE filters after selection; same end nodes allowed
    int64_t shortest_count = 1;
    std::vector<BoundNodePattern> nodes;
    std::vector<BoundRelPattern> rels;  // rels[i] joins nodes[i] and nodes[i + 1]
};

enum class BoundClauseKind : uint8_t {
    Match, Unwind, Projection, Create, Set, Remove, Delete, Merge, Call, CallSubquery, Foreach
};

struct BoundClause {
    BoundClauseKind kind;
    explicit BoundClause(BoundClauseKind k) : kind(k) {}
    virtual ~BoundClause() = default;
};
using BoundClausePtr = std::unique_ptr<BoundClause>;

// A planner hint bound to a variable of its MATCH pattern (planner/plan_match.cpp honours it).
enum class HintKind : uint8_t { Index, Scan, Join };
struct BoundHint {
    HintKind kind = HintKind::Index;
    VarId var = kNoVar;
    bool relationship = false;
    std::string label;  // label or relationship type
    std::vector<std::string> properties;
    std::string index_type;  // "RANGE", "TEXT", "POINT"; empty = any
    std::string text;        // as written, for messages
    SourcePosition pos;
};

struct BoundMatchClause final : BoundClause {
    BoundMatchClause() : BoundClause(BoundClauseKind::Match) {}
    bool optional = false;
    std::vector<BoundPatternPart> parts;
    std::vector<BoundExprPtr> predicates;  // WHERE split into conjuncts
    std::vector<VarId> bound_before;       // variables bound by earlier clauses
    std::vector<BoundHint> hints;          // USING ... (join hints are accepted, not kept)
};

struct BoundUnwindClause final : BoundClause {
    BoundUnwindClause() : BoundClause(BoundClauseKind::Unwind) {}
    BoundExprPtr list;
    VarId var = kNoVar;
};

struct BoundProjectionItem {
    BoundExprPtr expr;
    VarId var = kNoVar;
    std::string name;
};

struct BoundSortItem {
    BoundExprPtr expr;
    bool descending = false;
};

// WITH / RETURN. When `aggregating`, the clause runs as: group by `group_keys`, compute
// `aggregates`, then evaluate `items` (which refer only to key and aggregate variables).
struct BoundProjectionClause final : BoundClause {
    BoundProjectionClause() : BoundClause(BoundClauseKind::Projection) {}
    bool is_return = false;
    bool distinct = false;
    bool aggregating = false;
    std::vector<BoundProjectionItem> group_keys;
    std::vector<BoundProjectionItem> aggregates;  // expr is an AggregateCall
    std::vector<BoundProjectionItem> items;
    std::vector<BoundSortItem> order_by;
    BoundExprPtr skip, limit;
    std::vector<BoundExprPtr> where;  // WITH ... WHERE, conjuncts
};

struct BoundCreateNode {
    VarId var;
    bool is_new = true;  // false: the pattern refers to a node bound earlier
    std::vector<std::string> labels;
    BoundExprPtr properties;
};
struct BoundCreateRel {
    VarId var, from, to;
    std::string type;
    BoundExprPtr properties;
};
struct BoundCreateClause final : BoundClause {
    BoundCreateClause() : BoundClause(BoundClauseKind::Create) {}
    std::vector<BoundCreateNode> nodes;  // in creation order
    std::vector<BoundCreateRel> rels;
    std::vector<std::pair<VarId, std::vector<VarId>>> paths;  // path var -> node/rel sequence
};

enum class BoundSetKind : uint8_t { Property, ReplaceProperties, MergeProperties, Labels };
struct BoundSetItem {
    BoundSetKind kind;
    BoundExprPtr target;  // Property: the entity expression; else the variable
    std::string key;      // Property
    BoundExprPtr value;
    std::vector<std::string> labels;
};
struct BoundSetClause final : BoundClause {
    BoundSetClause() : BoundClause(BoundClauseKind::Set) {}
    std::vector<BoundSetItem> items;
};

struct BoundRemoveItem {
    BoundExprPtr target;
    std::string key;                  // property removal when labels is empty
    std::vector<std::string> labels;  // label removal
};
struct BoundRemoveClause final : BoundClause {
    BoundRemoveClause() : BoundClause(BoundClauseKind::Remove) {}
    std::vector<BoundRemoveItem> items;
};

struct BoundDeleteClause final : BoundClause {
    BoundDeleteClause() : BoundClause(BoundClauseKind::Delete) {}
    bool detach = false;
    std::vector<BoundExprPtr> targets;
};

// MERGE: `match` finds existing occurrences of the pattern (then `on_match` runs on each);
// when there is none, `create` creates it once (then `on_create`). `null_checks`: the inline
// property maps, whose null values make the MERGE fail.
struct BoundMergeClause final : BoundClause {
    BoundMergeClause() : BoundClause(BoundClauseKind::Merge) {}
    std::unique_ptr<BoundMatchClause> match;
    std::unique_ptr<BoundCreateClause> create;
    std::unique_ptr<BoundSetClause> on_match, on_create;
    std::vector<std::pair<std::string, BoundExprPtr>> null_checks;  // "(:L)" / "[:T]", map
};

// One query of a UNION: its clauses and the variables of its RETURN columns, in the order of
// the statement's columns.
struct BoundUnionBranch {
    std::vector<BoundClausePtr> clauses;
    std::vector<VarId> column_vars;
};

enum class OnErrorMode : uint8_t { Fail, Continue, Break };

// CALL { ... }: for each outer row the branches run (one branch, or a UNION of several) starting
// from the outer row; `imported` are the outer variables they see. A returning subquery (`unit`
// false) joins the outer row with each inner row, copying `return_vars` (each branch writes its
// RETURN columns into branch.column_vars, copied into return_vars); a unit subquery passes each
// outer row on once. OPTIONAL CALL pads `return_vars` with null when the inner part has no row.
struct BoundCallSubqueryClause final : BoundClause {
    BoundCallSubqueryClause() : BoundClause(BoundClauseKind::CallSubquery) {}
    std::vector<BoundUnionBranch> branches;
    bool union_distinct = false;
    std::vector<VarId> imported;
    std::vector<VarId> return_vars;
    bool unit = false;
    bool optional = false;
    bool writes = false;  // the subquery contains updates
    // IN TRANSACTIONS
    bool in_transactions = false;
    BoundExprPtr batch_size;  // null: 1000 rows
    bool concurrent = false;   // IN [n] CONCURRENT TRANSACTIONS (batches still run in order)
    BoundExprPtr concurrency;  // the n; null: default
    OnErrorMode on_error = OnErrorMode::Fail;
    VarId status_var = kNoVar;  // REPORT STATUS AS
};

// FOREACH (var IN list | clauses): the update clauses run once per element, the outer row
// passes on unchanged.
struct BoundForeachClause final : BoundClause {
    BoundForeachClause() : BoundClause(BoundClauseKind::Foreach) {}
    BoundExprPtr list;
    VarId var = kNoVar;
    std::vector<BoundClausePtr> clauses;
};

// CALL proc(args) YIELD ...: `yields` maps output field indexes to variables; a void
// procedure passes each input row on once.
struct BoundCallClause final : BoundClause {
    BoundCallClause() : BoundClause(BoundClauseKind::Call) {}
    const function::Procedure* procedure = nullptr;
    std::vector<BoundExprPtr> args;
    std::vector<std::pair<size_t, VarId>> yields;
    std::vector<BoundExprPtr> predicates;  // YIELD ... WHERE, conjuncts
};

// A subquery used as an expression (EXISTS { MATCH ... WITH ... }): its clauses run once per
// outer row, starting from the variables of the outer scope (`outer_vars`).
struct BoundSubquery {
    std::vector<BoundClausePtr> clauses;
    std::vector<VarId> outer_vars;
    std::vector<VarId> return_vars;  // the RETURN columns, when it ends with RETURN
};

struct BoundStatement {
    std::vector<BoundClausePtr> clauses;
    std::vector<BoundSubquery> subqueries;  // indexed by BoundExpression::subquery
    // UNION: `clauses` is empty, each branch writes its columns into `column_vars`.
    std::vector<BoundUnionBranch> union_branches;
    bool union_distinct = false;
    std::vector<VariableInfo> variables;  // indexed by VarId
    std::vector<std::string> columns;     // result columns (empty when there is no RETURN)
    std::vector<VarId> column_vars;
    std::vector<std::string> parameters;  // every $name used
    bool has_updates = false;
    bool has_schema_updates = false;  // calls a SCHEMA-mode procedure (db.createIndex, ...)
    bool in_transactions = false;  // contains CALL { } IN TRANSACTIONS (auto-commit only)
};

}  // namespace quiver::binder
