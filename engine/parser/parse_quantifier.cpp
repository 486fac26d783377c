// Quantifiers of Neo4j 5 quantified relationships and path patterns (cypher.ebnf, "Quantifier").
#include "parser/parser_internal.h"

namespace quiver::parser {

bool Parser::quantifier(std::optional<int64_t>& lo, std::optional<int64_t>& hi) {
    lo.reset();
    hi.reset();
    if (accept_sym("+")) {
        lo = 1;
        return true;
    }
    if (accept_sym("*")) {
        lo = 0;
        return true;
    }
    if (!is_sym("{")) return false;
    const Token& open = cur();
    ++i_;
    auto bound = [&]() -> std::optional<int64_t> {
        if (cur().kind != TokenKind::Integer) return std::nullopt;
        return number_literal(false)->literal.as_int();
    };
    lo = bound();
    if (accept_sym(",")) {
        hi = bound();
    } else {
        if (!lo) fail_expected("an integer");
        hi = lo;
    }
    expect_sym("}");
    if (lo && hi && *hi < *lo)
        fail_at(open, "A quantifier for a path pattern must not have a lower bound which exceeds its upper bound",
                "InvalidQuantifier");
    if (!lo) lo = 0;
    return true;
}

}  // namespace quiver::parser
