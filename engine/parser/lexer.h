// quiver::parser — the Cypher lexer. Keywords are not separate tokens: the parser matches
// unquoted identifiers case-insensitively, so keywords stay usable as names where the grammar
// allows (e.g. a property called `count`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace quiver::parser {

enum class TokenKind : uint8_t {
    Identifier,  // text = name; quoted = written with backticks
    Integer,     // text = digits as written (with 0x / 0o prefix)
    Float,       // text as written
    String,      // text = decoded contents
    Parameter,   // text = name after '$'
    BadNumber,   // a malformed number such as 12abc: InvalidNumberLiteral where an expression
                 // is expected, UnexpectedSyntax elsewhere (decided by the parser)
    Symbol,      // text = the operator or punctuation ("(", "<=", "..", ...)
    End,
};

struct Token {
    TokenKind kind;
    std::string text;
    SourcePosition pos;
    uint32_t end = 0;  // offset one past the token
    bool quoted = false;
};

// Tokenises the whole query; throws SyntaxError (with position) on malformed input.
std::vector<Token> tokenize(std::string_view query);

// Position (line/column) of a byte offset in the query.
SourcePosition position_at(std::string_view query, uint32_t offset);

}  // namespace quiver::parser
