// quiver::parser — graph patterns: (a:L {p: 1})-[r:T*1..3]->(b), optionally named p = ...
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parser/parsed_expression.h"

namespace quiver::parser {

struct ParsedNodePattern {
    SourcePosition pos;
    std::string variable;             // empty when anonymous
    std::vector<std::string> labels;  // conjunction :A:B (or :A&B)
    // Any other label expression (:A|B, :!A, :%, ...): a tree of Binary And/Or, Unary Not and
    // subject-less LabelCheck leaves (keys = {name}, or name "%" for any label); null when absent.
    ParsedExprPtr label_expr;
    ParsedExprPtr properties;         // map literal or parameter; null when absent
    ParsedExprPtr where;              // (n WHERE ...) inline predicate
};

enum class PatternDirection : uint8_t { Right, Left, Both };  // -->, <--, --

struct ParsedRelPattern;

// The inside of a quantified path pattern ((left)-[rel]->(right) WHERE where){m,n}; the first
// relationship itself is the ParsedRelPattern that owns this. A longer chain
// ((left)-[rel]->(right)-[r2]->(n2)...) continues with more_rels[i] joining the previous node
// and more_nodes[i].
struct ParsedQuantifiedPath {
    SourcePosition pos;
    ParsedNodePattern left, right;
    std::vector<ParsedRelPattern> more_rels;
    std::vector<ParsedNodePattern> more_nodes;
    ParsedExprPtr where;
};

struct ParsedRelPattern {
    SourcePosition pos;
    std::string variable;
    std::vector<std::string> types;  // alternatives :A|B
    ParsedExprPtr type_expr;         // any other type expression (:!A, :%, :A&B); see label_expr
    ParsedExprPtr properties;
    ParsedExprPtr where;
    PatternDirection direction = PatternDirection::Both;
    bool var_length = false;                // [*], [*2], [*1..3], [*..3]
    bool quantified = false;                // -[:R]->{1,3}, -->+ (var_length is set too)
    // A quantified path pattern, or a quantified relationship with an inline WHERE: each
    // iteration is checked on its own nodes and relationship.
    std::shared_ptr<ParsedQuantifiedPath> qpp;
    std::optional<int64_t> min_hops, max_hops;
};

// nodes.size() == rels.size() + 1; rels[i] joins nodes[i] and nodes[i + 1].
struct ParsedPatternPart {
    SourcePosition pos;
    std::string path_variable;  // p = ...
    std::string path_function;  // "shortestPath" / "allShortestPaths" or empty
    // Neo4j 5 path selectors: "SHORTEST" (k paths), "ALL SHORTEST", "SHORTEST GROUPS" (k
    // groups), "ANY" (k paths); empty when absent
    std::string selector;
    int64_t selector_count = 1;
    std::vector<ParsedNodePattern> nodes;
    std::vector<ParsedRelPattern> rels;
};

}  // namespace quiver::parser
