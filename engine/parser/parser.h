// quiver::parser — turns Cypher text into the AST (Parsed*). The grammar it accepts is
// written down in cypher.ebnf next to this file; keep the two in step.
//
// May call: value, base. Promises:
//   1. every AST node carries the source position of its first token;
//   2. every malformed input raises Neo.ClientError.Statement.SyntaxError at compile time with
//      a position, a message in Neo4j's style "Invalid input 'x': expected ... (line L,
//      column C (offset: O))" and a TCK detail (UnexpectedSyntax, IntegerOverflow, ...);
//   3. projection items keep their verbatim source text (the column name Neo4j reports).
#pragma once

#include <string>
#include <string_view>

#include "parser/parsed_statement.h"

namespace quiver::parser {

ParsedStatement parse_statement(std::string_view query);
ParsedExprPtr parse_expression(std::string_view text);  // a lone expression (tests, tools)
// The query with its leading `CYPHER [5] [option=value ...]` prefixes checked and replaced by
// spaces (Neo4j's pre-parser options; one runtime here, so they change nothing). Throws a
// SyntaxError for an unknown option, value or Cypher version.
std::string blank_query_options(std::string_view query);

}  // namespace quiver::parser
