#include "parser/lexer.h"

#include <fmt/format.h>

#include <cctype>

namespace quiver::parser {

namespace {

bool ident_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool ident_part(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

class Lexer {
public:
    explicit Lexer(std::string_view q) : q_(q) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        for (;;) {
            skip_space_and_comments();
            Token t;
            t.pos = here();
            if (i_ >= q_.size()) {
                t.kind = TokenKind::End;
                t.end = i_;
                out.push_back(std::move(t));
                return out;
            }
            lex_one(t, out.empty() ? nullptr : &out.back());
            t.end = i_;
            out.push_back(std::move(t));
        }
    }

private:
    SourcePosition here() const { return SourcePosition{i_, line_, col_}; }

    void advance(size_t n = 1) {
        for (size_t k = 0; k < n && i_ < q_.size(); ++k) {
            unsigned char c = q_[i_++];
            if (c == '\n') {
                ++line_;
                col_ = 1;
            } else if ((c & 0xC0) != 0x80) {
                ++col_;
            }
        }
    }
    char peek(size_t k = 0) const { return i_ + k < q_.size() ? q_[i_ + k] : '\0'; }

    [[noreturn]] void fail(const std::string& msg, SourcePosition p,
                           std::string detail = "UnexpectedSyntax") {
        throw_syntax(fmt::format("{} (line {}, column {} (offset: {}))", msg, p.line, p.column,
                                 p.offset),
                     p, std::move(detail));
    }

    void skip_space_and_comments() {
        for (;;) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
                advance();
            } else if (c == '/' && peek(1) == '/') {
                while (i_ < q_.size() && peek() != '\n') advance();
            } else if (c == '/' && peek(1) == '*') {
                SourcePosition start = here();
                advance(2);
                while (i_ < q_.size() && !(peek() == '*' && peek(1) == '/')) advance();
                if (i_ >= q_.size()) fail("Unterminated comment", start);
                advance(2);
            } else {
                return;
            }
        }
    }

    void lex_one(Token& t, const Token* prev) {
        unsigned char c = static_cast<unsigned char>(peek());
        if (ident_start(c)) {
            size_t s = i_;
            while (i_ < q_.size() && ident_part(static_cast<unsigned char>(peek()))) advance();
            t.kind = TokenKind::Identifier;
            t.text = std::string(q_.substr(s, i_ - s));
            return;
        }
        if (c == '`') {
            lex_quoted_identifier(t);
            return;
        }
        // ".5" is a float unless it directly follows a name or a closing bracket (x.5 is no
        // property access either, but it must not silently become x followed by 0.5).
        bool adjacent = prev && prev->end == i_ &&
                        (prev->kind == TokenKind::Identifier ||
                         (prev->kind == TokenKind::Symbol &&
                          (prev->text == ")" || prev->text == "]" || prev->text == "}")));
        bool dot_number = c == '.' && std::isdigit(static_cast<unsigned char>(peek(1))) && !adjacent;
        if (std::isdigit(c) || dot_number) {
            lex_number(t);
            return;
        }
        if (c == '\'' || c == '"') {
            lex_string(t);
            return;
        }
        if (c == '$') {
            advance();
            t.kind = TokenKind::Parameter;
            if (peek() == '`') {
                Token q;
                lex_quoted_identifier(q);
                t.text = q.text;
                return;
            }
            size_t s = i_;
            while (i_ < q_.size() && ident_part(static_cast<unsigned char>(peek()))) advance();
            if (s == i_) fail("Invalid input '$': expected a parameter name", t.pos);
            t.text = std::string(q_.substr(s, i_ - s));
            return;
        }
        static const char* kTwo[] = {"..", "<=", ">=", "<>", "!=", "=~", "+=", "::"};
        for (const char* two : kTwo) {
            if (peek() == two[0] && peek(1) == two[1]) {
                t.kind = TokenKind::Symbol;
                t.text = two;
                advance(2);
                return;
            }
        }
        static const std::string_view kOne = "()[]{},.:;|+-*/%^=<>!&";
        if (kOne.find(static_cast<char>(c)) != std::string_view::npos) {
            t.kind = TokenKind::Symbol;
            t.text = std::string(1, static_cast<char>(c));
            advance();
            return;
        }
        fail(fmt::format("Invalid input '{}'", static_cast<char>(c)), t.pos);
    }

    void lex_quoted_identifier(Token& t) {
        SourcePosition start = here();
        advance();
        std::string name;
        for (;;) {
            if (i_ >= q_.size()) fail("Unterminated quoted identifier", start);
            if (peek() == '`') {
                if (peek(1) == '`') {
                    name += '`';
                    advance(2);
                    continue;
                }
                advance();
                break;
            }
            name += peek();
            advance();
        }
        t.kind = TokenKind::Identifier;
        t.text = std::move(name);
        t.quoted = true;
    }

    void lex_number(Token& t) {
        size_t s = i_;
        bool is_float = false;
        if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'O')) {
            advance(2);
            while (std::isalnum(static_cast<unsigned char>(peek()))) advance();
        } else {
            while (std::isdigit(static_cast<unsigned char>(peek()))) advance();
            if (peek() == '.' && std::isdigit(static_cast<unsigned char>(peek(1)))) {
                is_float = true;
                advance();
                while (std::isdigit(static_cast<unsigned char>(peek()))) advance();
            }
            if (peek() == 'e' || peek() == 'E') {
                size_t k = 1;
                if (peek(1) == '-' || peek(1) == '+') k = 2;
                if (std::isdigit(static_cast<unsigned char>(peek(k)))) {
                    is_float = true;
                    advance(k);
                    while (std::isdigit(static_cast<unsigned char>(peek()))) advance();
                }
            }
            if (ident_start(static_cast<unsigned char>(peek()))) {
                while (ident_part(static_cast<unsigned char>(peek()))) advance();
                t.kind = TokenKind::BadNumber;
                t.text = std::string(q_.substr(s, i_ - s));
                return;
            }
        }
        t.kind = is_float ? TokenKind::Float : TokenKind::Integer;
        t.text = std::string(q_.substr(s, i_ - s));
    }

    static void append_utf8(std::string& out, uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    void lex_string(Token& t) {
        SourcePosition start = here();
        char quote = peek();
        advance();
        std::string s;
        for (;;) {
            if (i_ >= q_.size()) fail("Unterminated string literal", start);
            char c = peek();
            if (c == quote) {
                advance();
                break;
            }
            if (c != '\\') {
                s += c;
                advance();
                continue;
            }
            SourcePosition esc = here();
            char e = peek(1);
            advance(2);
            switch (e) {
                case '\\': s += '\\'; break;
                case '\'': s += '\''; break;
                case '"': s += '"'; break;
                case 'b': case 'B': s += '\b'; break;
                case 'f': case 'F': s += '\f'; break;
                case 'n': case 'N': s += '\n'; break;
                case 'r': case 'R': s += '\r'; break;
                case 't': case 'T': s += '\t'; break;
                case 'u': case 'U': {
                    size_t digits = e == 'u' ? 4 : 8;
                    uint32_t cp = 0;
                    for (size_t k = 0; k < digits; ++k) {
                        char h = peek();
                        if (!std::isxdigit(static_cast<unsigned char>(h)))
                            fail("Invalid unicode literal", esc, "InvalidUnicodeLiteral");
                        cp = cp * 16 + static_cast<uint32_t>(
                                           std::isdigit(static_cast<unsigned char>(h))
                                               ? h - '0'
                                               : (std::tolower(static_cast<unsigned char>(h)) - 'a' + 10));
                        advance();
                    }
                    if (cp > 0x10FFFF) fail("Invalid unicode literal", esc, "InvalidUnicodeLiteral");
                    append_utf8(s, cp);
                    break;
                }
                default:
                    // Neo4j keeps unknown escapes verbatim.
                    s += '\\';
                    s += e;
            }
        }
        t.kind = TokenKind::String;
        t.text = std::move(s);
    }

    std::string_view q_;
    uint32_t i_ = 0, line_ = 1, col_ = 1;
};

}  // namespace

std::vector<Token> tokenize(std::string_view query) { return Lexer(query).run(); }

SourcePosition position_at(std::string_view query, uint32_t offset) {
    SourcePosition p{0, 1, 1};
    for (uint32_t i = 0; i < offset && i < query.size(); ++i) {
        unsigned char c = query[i];
        if (c == '\n') {
            ++p.line;
            p.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++p.column;
        }
    }
    p.offset = offset;
    return p;
}

}  // namespace quiver::parser
