#include "parser/parser.h"

#include <fmt/format.h>

#include "parser/parser_internal.h"

namespace quiver::parser {

const char* binary_op_text(BinaryOp op) {
    switch (op) {
        case BinaryOp::Or: return "OR";
        case BinaryOp::Xor: return "XOR";
        case BinaryOp::And: return "AND";
        case BinaryOp::Add: return "+";
        case BinaryOp::Sub: return "-";
        case BinaryOp::Mul: return "*";
        case BinaryOp::Div: return "/";
        case BinaryOp::Mod: return "%";
        case BinaryOp::Pow: return "^";
        case BinaryOp::Eq: return "=";
        case BinaryOp::Neq: return "<>";
        case BinaryOp::Lt: return "<";
        case BinaryOp::Le: return "<=";
        case BinaryOp::Gt: return ">";
        case BinaryOp::Ge: return ">=";
        case BinaryOp::In: return "IN";
        case BinaryOp::StartsWith: return "STARTS WITH";
        case BinaryOp::EndsWith: return "ENDS WITH";
        case BinaryOp::Contains: return "CONTAINS";
        case BinaryOp::RegexMatch: return "=~";
    }
    return "?";
}

bool Parser::is_kw(std::string_view kw, size_t k) const {
    const Token& t = look(k);
    if (t.kind != TokenKind::Identifier || t.quoted || t.text.size() != kw.size()) return false;
    for (size_t j = 0; j < kw.size(); ++j)
        if (std::toupper(static_cast<unsigned char>(t.text[j])) != kw[j]) return false;
    return true;
}

void Parser::fail_at(const Token& t, const std::string& msg, std::string detail) const {
    throw_syntax(fmt::format("{} (line {}, column {} (offset: {}))", msg, t.pos.line,
                             t.pos.column, t.pos.offset),
                 t.pos, std::move(detail));
}

void Parser::fail_expected(const std::string& what) const {
    const Token& t = cur();
    std::string shown = t.kind == TokenKind::End ? std::string("")
                                                 : std::string(q_.substr(t.pos.offset, t.end - t.pos.offset));
    if (t.kind == TokenKind::End)
        fail_at(t, fmt::format("Invalid input '': expected {}", what));
    fail_at(t, fmt::format("Invalid input '{}': expected {}", shown, what));
}

std::string Parser::symbolic_name(const char* what) {
    if (cur().kind != TokenKind::Identifier) fail_expected(what);
    return toks_[i_++].text;
}

ParsedStatement parse_statement(std::string_view query) {
    Parser p(query, tokenize(query));
    return p.statement();
}

ParsedExprPtr parse_expression(std::string_view text) {
    Parser p(text, tokenize(text));
    auto e = p.expression();
    if (!p.at_end()) p.fail_expected("end of input");
    return e;
}

}  // namespace quiver::parser
