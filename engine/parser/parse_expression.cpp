// Expression rules of the parser (cypher.ebnf, "Expressions"), lowest precedence first.
#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "parser/parsed_pattern.h"
#include "parser/parser_internal.h"

namespace quiver::parser {

namespace {
constexpr int kMaxDepth = 500;

ParsedExprPtr make(ParsedExprKind k, SourcePosition p) {
    return std::make_unique<ParsedExpression>(k, p);
}
ParsedExprPtr make_binary(BinaryOp op, ParsedExprPtr l, ParsedExprPtr r) {
    auto e = make(ParsedExprKind::Binary, l->pos);
    e->op = op;
    e->children.push_back(std::move(l));
    e->children.push_back(std::move(r));
    return e;
}

// True when a relationship of the pattern is a quantified path pattern (or a quantified
// relationship with an inline WHERE): such patterns need the full MATCH machinery.
bool has_quantified_path(const std::vector<ParsedPatternPart>& parts) {
    for (const auto& part : parts)
        for (const auto& r : part.rels)
            if (r.qpp) return true;
    return false;
}

// A pattern predicate, pattern comprehension or bare-pattern EXISTS/COUNT/COLLECT { } over a
// quantified path pattern becomes the equivalent subquery: MATCH pattern [WHERE where]
// [RETURN projection]. The expression keeps its kind; the binder plans e.subquery like
// EXISTS { } (predicate), COUNT { } or COLLECT { } (comprehension).
void quantified_pattern_as_subquery(ParsedExpression& e, ParsedExprPtr projection) {
    auto m = std::make_unique<ParsedMatchClause>(ParsedClauseKind::Match, e.pos);
    m->pattern = std::move(*e.pattern);
    m->where = std::move(e.where);
    e.pattern.reset();
    ParsedSingleQuery q;
    q.clauses.push_back(std::move(m));
    if (projection) {
        auto r = std::make_unique<ParsedProjectionClause>(ParsedClauseKind::Return, projection->pos);
        ParsedProjectionItem item;
        item.pos = projection->pos;
        item.alias = "  projection";  // not a writable name: never clashes with a variable
        item.text = item.alias;
        item.expr = std::move(projection);
        r->body.items.push_back(std::move(item));
        q.clauses.push_back(std::move(r));
    }
    auto st = std::make_shared<ParsedStatement>();
    st->pos = e.pos;
    st->queries.push_back(std::move(q));
    e.subquery = std::move(st);
}

struct DepthGuard {
    int& d;
    DepthGuard(int& depth, const Parser& p) : d(depth) {
        if (++d > kMaxDepth) p.fail_expected("a less deeply nested expression");
    }
    ~DepthGuard() { --d; }
};
}  // namespace

ParsedExprPtr Parser::expression() {
    DepthGuard g(depth_, *this);
    auto l = xor_expr();
    while (accept_kw("OR")) l = make_binary(BinaryOp::Or, std::move(l), xor_expr());
    return l;
}

ParsedExprPtr Parser::xor_expr() {
    auto l = and_expr();
    while (accept_kw("XOR")) l = make_binary(BinaryOp::Xor, std::move(l), and_expr());
    return l;
}

ParsedExprPtr Parser::and_expr() {
    auto l = not_expr();
    while (accept_kw("AND")) l = make_binary(BinaryOp::And, std::move(l), not_expr());
    return l;
}

ParsedExprPtr Parser::not_expr() {
    if (is_kw("NOT")) {
        SourcePosition p = cur().pos;
        ++i_;
        DepthGuard g(depth_, *this);
        auto e = make(ParsedExprKind::Unary, p);
        e->unary = UnaryOp::Not;
        e->children.push_back(not_expr());
        return e;
    }
    return comparison();
}

ParsedExprPtr Parser::comparison() {
    auto first = predicate_expr();
    std::vector<BinaryOp> ops;
    std::vector<ParsedExprPtr> operands;
    for (;;) {
        BinaryOp op;
        if (is_sym("=")) op = BinaryOp::Eq;
        else if (is_sym("<>") || is_sym("!=")) op = BinaryOp::Neq;
        else if (is_sym("<=")) op = BinaryOp::Le;
        else if (is_sym(">=")) op = BinaryOp::Ge;
        else if (is_sym("<")) op = BinaryOp::Lt;
        else if (is_sym(">")) op = BinaryOp::Gt;
        else break;
        ++i_;
        ops.push_back(op);
        operands.push_back(predicate_expr());
    }
    if (ops.empty()) return first;
    if (ops.size() == 1) return make_binary(ops[0], std::move(first), std::move(operands[0]));
    auto e = make(ParsedExprKind::Comparison, first->pos);
    e->children.push_back(std::move(first));
    for (auto& o : operands) e->children.push_back(std::move(o));
    e->ops = std::move(ops);
    return e;
}

// StringListNullPredicateExpression: additive followed by STARTS WITH / ENDS WITH / CONTAINS /
// IN / =~ / IS [NOT] NULL, any number of times.
ParsedExprPtr Parser::predicate_expr() {
    auto l = additive();
    for (;;) {
        if (is_kw("STARTS") && is_kw("WITH", 1)) {
            i_ += 2;
            l = make_binary(BinaryOp::StartsWith, std::move(l), additive());
        } else if (is_kw("ENDS") && is_kw("WITH", 1)) {
            i_ += 2;
            l = make_binary(BinaryOp::EndsWith, std::move(l), additive());
        } else if (is_kw("CONTAINS")) {
            ++i_;
            l = make_binary(BinaryOp::Contains, std::move(l), additive());
        } else if (is_kw("IN")) {
            ++i_;
            l = make_binary(BinaryOp::In, std::move(l), additive());
        } else if (is_sym("=~")) {
            ++i_;
            l = make_binary(BinaryOp::RegexMatch, std::move(l), additive());
        } else if (is_kw("IS") && is_kw("NULL", 1)) {
            i_ += 2;
            auto e = make(ParsedExprKind::IsNull, l->pos);
            e->children.push_back(std::move(l));
            l = std::move(e);
        } else if (is_kw("IS") && is_kw("NOT", 1) && is_kw("NULL", 2)) {
            i_ += 3;
            auto e = make(ParsedExprKind::IsNotNull, l->pos);
            e->children.push_back(std::move(l));
            l = std::move(e);
        } else {
            return l;
        }
    }
}

ParsedExprPtr Parser::additive() {
    auto l = multiplicative();
    for (;;) {
        if (is_sym("+")) {
            ++i_;
            l = make_binary(BinaryOp::Add, std::move(l), multiplicative());
        } else if (is_sym("-")) {
            ++i_;
            l = make_binary(BinaryOp::Sub, std::move(l), multiplicative());
        } else {
            return l;
        }
    }
}

ParsedExprPtr Parser::multiplicative() {
    auto l = power();
    for (;;) {
        BinaryOp op;
        if (is_sym("*")) op = BinaryOp::Mul;
        else if (is_sym("/")) op = BinaryOp::Div;
        else if (is_sym("%")) op = BinaryOp::Mod;
        else return l;
        ++i_;
        l = make_binary(op, std::move(l), power());
    }
}

ParsedExprPtr Parser::power() {
    auto l = unary();
    while (accept_sym("^")) l = make_binary(BinaryOp::Pow, std::move(l), unary());
    return l;
}

ParsedExprPtr Parser::unary() {
    if (is_sym("-") || is_sym("+")) {
        SourcePosition p = cur().pos;
        bool neg = is_sym("-");
        ++i_;
        if (neg && cur().kind == TokenKind::Integer) {
            // Fold the sign into the literal so -9223372036854775808 is representable.
            auto lit = number_literal(true);
            lit->pos = p;
            return lit;
        }
        DepthGuard g(depth_, *this);
        auto e = make(ParsedExprKind::Unary, p);
        e->unary = neg ? UnaryOp::Negate : UnaryOp::Plus;
        e->children.push_back(unary());
        return e;
    }
    return postfix();
}

// Atom followed by property lookups, index/slice operators and a label check.
ParsedExprPtr Parser::postfix() {
    auto e = atom();
    for (;;) {
        if (is_sym(".") && look(1).kind == TokenKind::Identifier) {
            ++i_;
            auto p = make(ParsedExprKind::Property, e->pos);
            p->name = toks_[i_++].text;
            p->children.push_back(std::move(e));
            e = std::move(p);
        } else if (is_sym("[")) {
            ++i_;
            ParsedExprPtr from, to;
            bool slice = false;
            if (!is_sym("..")) from = expression();
            if (accept_sym("..")) {
                slice = true;
                if (!is_sym("]")) to = expression();
            }
            expect_sym("]");
            if (slice) {
                auto s = make(ParsedExprKind::Slice, e->pos);
                s->children.push_back(std::move(e));
                s->has_from = from != nullptr;
                s->has_to = to != nullptr;
                if (from) s->children.push_back(std::move(from));
                if (to) s->children.push_back(std::move(to));
                e = std::move(s);
            } else {
                auto x = make(ParsedExprKind::Index, e->pos);
                x->children.push_back(std::move(e));
                x->children.push_back(std::move(from));
                e = std::move(x);
            }
        } else if (is_sym(":") && (look(1).kind == TokenKind::Identifier || is_sym("!", 1) ||
                                   is_sym("%", 1) || is_sym("(", 1))) {
            auto l = make(ParsedExprKind::LabelCheck, e->pos);
            ++i_;
            auto le = label_expression();
            l->children.push_back(std::move(e));
            // A plain conjunction keeps the simple form; anything else carries the tree as
            // children[1] (name "expr").
            if (!label_conjunction(*le, l->keys)) {
                l->keys.clear();
                l->name = "expr";
                l->children.push_back(std::move(le));
            }
            e = std::move(l);
        } else {
            return e;
        }
    }
}

ParsedExprPtr Parser::number_literal(bool negate) {
    const Token& t = cur();
    SourcePosition p = t.pos;
    std::string text = (negate ? "-" : "") + t.text;
    if (t.kind == TokenKind::Float) {
        double d = 0;
        auto r = fast_float::from_chars(t.text.data(), t.text.data() + t.text.size(), d);
        if (r.ec != std::errc() || std::isinf(d))
            fail_at(t, fmt::format("floating point number is too large: {}", t.text),
                    "FloatingPointOverflow");
        ++i_;
        auto e = make(ParsedExprKind::Literal, p);
        e->literal = Value::float64(negate ? -d : d);
        return e;
    }
    // Integer: decimal, 0x hexadecimal, 0o (or legacy leading 0) octal.
    const std::string& s = t.text;
    unsigned base = 10;
    size_t start = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        start = 2;
    } else if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) {
        base = 8;
        start = 2;
    } else if (s.size() > 1 && s[0] == '0') {
        base = 8;
        start = 1;
    }
    if (start == s.size()) fail_at(t, fmt::format("Invalid number literal '{}'", s), "InvalidNumberLiteral");
    unsigned __int128 acc = 0;
    const unsigned __int128 limit = (unsigned __int128)std::numeric_limits<int64_t>::max() + 1;
    bool overflow = false;
    for (size_t k = start; k < s.size(); ++k) {
        char c = s[k];
        unsigned dgt;
        if (c >= '0' && c <= '9') dgt = unsigned(c - '0');
        else if (c >= 'a' && c <= 'f') dgt = unsigned(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') dgt = unsigned(c - 'A' + 10);
        else dgt = 99;
        if (dgt >= base)
            fail_at(t, fmt::format("Invalid number literal '{}'", s), "InvalidNumberLiteral");
        acc = acc * base + dgt;
        if (acc > limit) overflow = true;
    }
    if (overflow || acc > limit || (!negate && acc == limit))
        fail_at(t, fmt::format("integer is too large: {}", text), "IntegerOverflow");
    ++i_;
    auto e = make(ParsedExprKind::Literal, p);
    int64_t v = acc == limit ? std::numeric_limits<int64_t>::min()
                             : (negate ? -static_cast<int64_t>(acc) : static_cast<int64_t>(acc));
    e->literal = Value::integer(v);
    return e;
}

ParsedExprPtr Parser::atom() {
    const Token& t = cur();
    switch (t.kind) {
        case TokenKind::Integer:
        case TokenKind::Float: return number_literal(false);
        case TokenKind::BadNumber:
            fail_at(t, fmt::format("Invalid number literal '{}'", t.text), "InvalidNumberLiteral");
        case TokenKind::String: {
            auto e = make(ParsedExprKind::Literal, t.pos);
            e->literal = Value::string(t.text);
            ++i_;
            return e;
        }
        case TokenKind::Parameter: {
            auto e = make(ParsedExprKind::Parameter, t.pos);
            e->name = t.text;
            ++i_;
            return e;
        }
        case TokenKind::Symbol:
            if (t.text == "[") return list_or_comprehension();
            if (t.text == "{") return map_literal();
            if (t.text == "(") return parenthesized_or_pattern();
            fail_expected("an expression");
        case TokenKind::Identifier: break;
        case TokenKind::End: fail_expected("an expression");
    }
    if (!t.quoted) {
        if (is_kw("TRUE") || is_kw("FALSE")) {
            auto e = make(ParsedExprKind::Literal, t.pos);
            e->literal = Value::boolean(is_kw("TRUE"));
            ++i_;
            return e;
        }
        if (is_kw("NULL")) {
            auto e = make(ParsedExprKind::Literal, t.pos);
            ++i_;
            return e;
        }
        if (is_kw("CASE")) return case_expr();
        if (is_kw("EXISTS") && is_sym("{", 1)) return subquery_expr(ParsedExprKind::ExistsSubquery);
        if (is_kw("COUNT") && is_sym("{", 1)) return subquery_expr(ParsedExprKind::CountSubquery);
        if (is_kw("COLLECT") && is_sym("{", 1))
            return subquery_expr(ParsedExprKind::CollectSubquery);
    }
    return function_or_variable();
}

ParsedExprPtr Parser::list_or_comprehension() {
    SourcePosition p = cur().pos;
    expect_sym("[");
    // [x IN list WHERE pred | expr]
    if (look(0).kind == TokenKind::Identifier && is_kw("IN", 1)) {
        auto e = make(ParsedExprKind::ListComprehension, p);
        e->name = toks_[i_].text;
        i_ += 2;
        e->children.push_back(expression());
        if (accept_kw("WHERE")) {
            e->has_where = true;
            ++no_label_or_;  // the '|' of the comprehension is not a label disjunction
            e->children.push_back(expression());
            --no_label_or_;
        }
        if (accept_sym("|")) {
            e->has_map = true;
            e->children.push_back(expression());
        }
        expect_sym("]");
        return e;
    }
    // [p = (a)-->(b) WHERE pred | expr] and [(a)-->(b) | expr]
    bool named = look(0).kind == TokenKind::Identifier && is_sym("=", 1) && is_sym("(", 2);
    if (named || may_start_pattern()) {
        size_t save = i_;
        try {
            std::string path_var;
            if (named) {
                path_var = toks_[i_].text;
                i_ += 2;
            }
            auto part = pattern_element();
            if (!part.rels.empty() && (is_kw("WHERE") || is_sym("|"))) {
                auto e = make(ParsedExprKind::PatternComprehension, p);
                e->name = path_var;
                part.path_variable = path_var;
                e->pattern = std::make_shared<std::vector<ParsedPatternPart>>();
                e->pattern->push_back(std::move(part));
                if (accept_kw("WHERE")) {
                    ++no_label_or_;
                    e->where = expression();
                    --no_label_or_;
                }
                expect_sym("|");
                e->children.push_back(expression());
                expect_sym("]");
                if (has_quantified_path(*e->pattern)) {
                    auto projection = std::move(e->children.back());
                    e->children.pop_back();
                    quantified_pattern_as_subquery(*e, std::move(projection));
                }
                return e;
            }
        } catch (const QuiverError&) {
            if (named) throw;
        }
        i_ = save;
    }
    auto e = make(ParsedExprKind::List, p);
    if (!is_sym("]")) {
        do {
            e->children.push_back(expression());
        } while (accept_sym(","));
    }
    expect_sym("]");
    return e;
}

ParsedExprPtr Parser::map_literal() {
    SourcePosition p = cur().pos;
    expect_sym("{");
    auto e = make(ParsedExprKind::Map, p);
    if (!is_sym("}")) {
        do {
            e->keys.push_back(symbolic_name("a property key name"));
            expect_sym(":");
            e->children.push_back(expression());
        } while (accept_sym(","));
    }
    expect_sym("}");
    return e;
}

ParsedExprPtr Parser::case_expr() {
    auto e = make(ParsedExprKind::Case, cur().pos);
    expect_kw("CASE");
    if (!is_kw("WHEN")) {
        e->has_subject = true;
        e->children.push_back(expression());
    }
    if (!is_kw("WHEN")) fail_expected("WHEN");
    while (accept_kw("WHEN")) {
        e->children.push_back(expression());
        expect_kw("THEN");
        e->children.push_back(expression());
    }
    if (accept_kw("ELSE")) {
        e->has_else = true;
        e->children.push_back(expression());
    }
    expect_kw("END");
    return e;
}

ParsedExprPtr Parser::subquery_expr(ParsedExprKind kind) {
    auto e = make(kind, cur().pos);
    i_ += 2;  // keyword and '{'
    // Either a full query or a bare pattern with an optional WHERE.
    if (at_clause_start()) {
        auto st = std::make_shared<ParsedStatement>();
        st->pos = cur().pos;
        st->queries.push_back(single_query());
        while (is_kw("UNION")) {
            ++i_;
            st->union_all.push_back(accept_kw("ALL"));
            st->queries.push_back(single_query());
        }
        e->subquery = std::move(st);
    } else {
        e->pattern = std::make_shared<std::vector<ParsedPatternPart>>(pattern());
        if (accept_kw("WHERE")) e->where = expression();
        if (has_quantified_path(*e->pattern)) quantified_pattern_as_subquery(*e, nullptr);
    }
    expect_sym("}");
    return e;
}

ParsedExprPtr Parser::function_or_variable() {
    const Token& t = cur();
    SourcePosition p = t.pos;
    // A dotted name followed by '(' is a function call: ns.ns.name(...).
    size_t k = 0;
    while (look(k).kind == TokenKind::Identifier && is_sym(".", k + 1) &&
           look(k + 2).kind == TokenKind::Identifier)
        k += 2;
    if (look(k).kind == TokenKind::Identifier && is_sym("(", k + 1)) {
        std::string name;
        for (size_t j = 0; j <= k; j += 2) {
            if (j) name += '.';
            name += look(j).text;
        }
        i_ += k + 2;
        bool plain = k == 0 && !t.quoted;
        // count(*)
        if (plain && name.size() == 5 && is_sym("*") && is_sym(")", 1)) {
            std::string upper;
            for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (upper == "COUNT") {
                i_ += 2;
                return make(ParsedExprKind::CountStar, p);
            }
        }
        std::string upper;
        for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        // all/any/none/single(x IN list WHERE pred)
        if (plain && (upper == "ALL" || upper == "ANY" || upper == "NONE" || upper == "SINGLE") &&
            cur().kind == TokenKind::Identifier && is_kw("IN", 1)) {
            auto e = make(ParsedExprKind::Quantifier, p);
            e->quantifier = upper == "ALL"   ? Quantifier::All
                            : upper == "ANY" ? Quantifier::Any
                            : upper == "NONE" ? Quantifier::None
                                              : Quantifier::Single;
            e->name = toks_[i_].text;
            i_ += 2;
            e->children.push_back(expression());
            if (accept_kw("WHERE")) {
                e->has_where = true;
                e->children.push_back(expression());
            }
            expect_sym(")");
            return e;
        }
        // reduce(acc = init, x IN list | expr)
        if (plain && upper == "REDUCE" && cur().kind == TokenKind::Identifier && is_sym("=", 1)) {
            auto e = make(ParsedExprKind::Reduce, p);
            e->name = toks_[i_].text;
            i_ += 2;
            e->children.push_back(expression());
            expect_sym(",");
            e->keys.push_back(symbolic_name("a variable name"));
            expect_kw("IN");
            e->children.push_back(expression());
            expect_sym("|");
            e->children.push_back(expression());
            expect_sym(")");
            return e;
        }
        auto e = make(ParsedExprKind::FunctionCall, p);
        e->name = std::move(name);
        if (accept_kw("DISTINCT")) e->distinct = true;
        if (!is_sym(")")) {
            do {
                e->children.push_back(expression());
            } while (accept_sym(","));
        }
        expect_sym(")");
        return e;
    }
    auto v = make(ParsedExprKind::Variable, p);
    v->name = symbolic_name("an expression");
    if (is_sym("{")) return map_projection(std::move(v));
    return v;
}

ParsedExprPtr Parser::map_projection(ParsedExprPtr var) {
    auto e = make(ParsedExprKind::MapProjection, var->pos);
    e->name = var->name;
    expect_sym("{");
    if (!is_sym("}")) {
        do {
            ParsedMapProjectionItem item;
            if (accept_sym(".")) {
                if (accept_sym("*")) {
                    item.kind = ParsedMapProjectionItem::Kind::AllProperties;
                } else {
                    item.kind = ParsedMapProjectionItem::Kind::Property;
                    item.key = symbolic_name("a property key name");
                }
            } else if (cur().kind == TokenKind::Identifier && is_sym(":", 1)) {
                item.kind = ParsedMapProjectionItem::Kind::Literal;
                item.key = symbolic_name("a property key name");
                ++i_;
                item.value = expression();
            } else {
                item.kind = ParsedMapProjectionItem::Kind::Variable;
                item.key = symbolic_name("a variable name");
            }
            e->map_items.push_back(std::move(item));
        } while (accept_sym(","));
    }
    expect_sym("}");
    return e;
}

// '(' starts either a parenthesised expression or a pattern used as a predicate.
ParsedExprPtr Parser::parenthesized_or_pattern() {
    ParsedExprPtr pat;
    if (try_pattern_predicate(pat)) return pat;
    expect_sym("(");
    auto e = expression();
    expect_sym(")");
    return e;
}

// Cheap lookahead: could the '(' at the cursor start a node pattern that is followed by a
// relationship? Avoids backtracking over every parenthesised expression.
bool Parser::may_start_pattern() const {
    if (!is_sym("(")) return false;
    size_t k = 1;
    if (look(k).kind == TokenKind::Identifier) ++k;
    if (is_sym(")", k))
        return is_sym("-", k + 1) || (is_sym("<", k + 1) && is_sym("-", k + 2)) ||
               (is_sym("(", k + 1) && is_sym("(", k + 2));  // (a) ((x)-->(y))+ ...
    return is_sym(":", k) || is_sym("{", k) || look(k).kind == TokenKind::Parameter;
}

bool Parser::try_pattern_predicate(ParsedExprPtr& out) {
    if (!may_start_pattern()) return false;
    size_t save = i_;
    SourcePosition p = cur().pos;
    try {
        auto part = pattern_element();
        if (!part.rels.empty()) {
            out = make(ParsedExprKind::PatternPredicate, p);
            out->pattern = std::make_shared<std::vector<ParsedPatternPart>>();
            out->pattern->push_back(std::move(part));
            if (has_quantified_path(*out->pattern)) quantified_pattern_as_subquery(*out, nullptr);
            return true;
        }
    } catch (const QuiverError&) {
    }
    i_ = save;
    return false;
}

}  // namespace quiver::parser
