// Pattern rules of the parser (cypher.ebnf, "Patterns").
#include <fmt/format.h>

#include "parser/parser_internal.h"

namespace quiver::parser {

std::vector<ParsedPatternPart> Parser::pattern() {
    std::vector<ParsedPatternPart> parts;
    do {
        parts.push_back(pattern_part());
    } while (accept_sym(","));
    return parts;
}

// [var '='] (shortestPath|allShortestPaths '(' element ')' | element)
ParsedPatternPart Parser::pattern_part() {
    SourcePosition p = cur().pos;
    std::string path_var;
    if (cur().kind == TokenKind::Identifier && is_sym("=", 1)) {
        path_var = cur().text;
        i_ += 2;
    }
    ParsedPatternPart part;
    std::string selector;
    int64_t count = 1;
    if (path_selector(selector, count)) {
        part = pattern_element();
        part.selector = std::move(selector);
        part.selector_count = count;
    } else if ((is_kw("SHORTESTPATH") || is_kw("ALLSHORTESTPATHS")) && is_sym("(", 1)) {
        std::string fn = is_kw("SHORTESTPATH") ? "shortestPath" : "allShortestPaths";
        i_ += 2;
        part = pattern_element();
        part.path_function = fn;
        expect_sym(")");
    } else {
        part = pattern_element();
    }
    part.pos = p;
    part.path_variable = std::move(path_var);
    return part;
}

// ALL SHORTEST [PATH[S]] | SHORTEST k [PATH[S] | GROUP[S]] | ANY [SHORTEST] [k] [PATH[S]]
bool Parser::path_selector(std::string& selector, int64_t& count) {
    auto count_here = [&]() {
        if (cur().kind != TokenKind::Integer) return;
        const Token& t = cur();
        count = number_literal(false)->literal.as_int();
        if (count < 1) fail_at(t, "The number of paths or groups of a path selector must be at least 1", "InvalidArgumentValue");
    };
    auto path_word = [&]() { (void)(accept_kw("PATH") || accept_kw("PATHS")); };
    if (is_kw("ALL") && is_kw("SHORTEST", 1)) {
        i_ += 2;
        path_word();
        selector = "ALL SHORTEST";
        return true;
    }
    if (is_kw("SHORTEST") && look(1).kind == TokenKind::Integer) {
        ++i_;
        count_here();
        if (accept_kw("GROUP") || accept_kw("GROUPS")) {
            selector = "SHORTEST GROUPS";
        } else {
            path_word();
            selector = "SHORTEST";
        }
        return true;
    }
    if (is_kw("ANY") && (is_sym("(", 1) || is_kw("SHORTEST", 1) || is_kw("PATH", 1) ||
                         is_kw("PATHS", 1) || look(1).kind == TokenKind::Integer)) {
        ++i_;
        bool shortest = accept_kw("SHORTEST");
        count_here();
        path_word();
        selector = shortest ? "SHORTEST" : "ANY";
        return true;
    }
    return false;
}

ParsedPatternPart Parser::pattern_element() {
    ParsedPatternPart part;
    part.pos = cur().pos;
    // A parenthesised pattern element ((a)-->(b)), or a quantified path pattern ((a)-->(b)){1,3}
    if (is_sym("(") && is_sym("(", 1)) {
        size_t save = i_;
        ++i_;
        ParsedPatternPart inner = pattern_element();
        ParsedExprPtr where;
        if (accept_kw("WHERE")) where = expression();
        expect_sym(")");
        if (!is_quantifier_start()) {
            if (where) fail_at(cur(), "Invalid input: a WHERE inside parentheses needs a quantifier");
            return inner;
        }
        i_ = save;
        part.nodes.push_back(anonymous_node());
    } else {
        part.nodes.push_back(node_pattern());
    }
    for (;;) {
        if (is_sym("-") || (is_sym("<") && is_sym("-", 1))) {
            part.rels.push_back(rel_pattern());
            part.nodes.push_back(node_pattern());
        } else if (is_sym("(") && is_sym("(", 1)) {
            // juxtaposed: (x) ((a)-[r]->(b)){1,3} (y)
            part.rels.push_back(quantified_path());
            if (is_sym("(") && !is_sym("(", 1))
                part.nodes.push_back(node_pattern());
            else
                part.nodes.push_back(anonymous_node());
        } else {
            break;
        }
    }
    return part;
}

ParsedNodePattern Parser::anonymous_node() {
    ParsedNodePattern n;
    n.pos = cur().pos;
    return n;
}

bool Parser::is_quantifier_start() const {
    return is_sym("{") || is_sym("+") || is_sym("*");
}

// '(' node rel node { rel node } [WHERE expr] ')' quantifier.
ParsedRelPattern Parser::quantified_path() {
    auto q = std::make_shared<ParsedQuantifiedPath>();
    q->pos = cur().pos;
    expect_sym("(");
    if (is_sym("(") && is_sym("(", 1))
        fail_at(cur(), "Nested quantified path patterns are not allowed", "InvalidQuantifiedPath");
    q->left = node_pattern();
    if (!(is_sym("-") || (is_sym("<") && is_sym("-", 1))))
        fail_at(cur(), "A quantified path pattern needs at least one relationship", "InvalidQuantifiedPath");
    ParsedRelPattern r = rel_pattern();
    if (r.quantified || r.var_length)
        fail_at(toks_[i_ - 1], "Quantified path patterns may not contain variable-length or quantified relationships",
                "InvalidQuantifiedPath");
    q->right = node_pattern();
    while (is_sym("-") || (is_sym("<") && is_sym("-", 1))) {
        ParsedRelPattern more = rel_pattern();
        if (more.quantified || more.var_length)
            fail_at(toks_[i_ - 1], "Quantified path patterns may not contain variable-length or quantified relationships",
                    "InvalidQuantifiedPath");
        q->more_rels.push_back(std::move(more));
        q->more_nodes.push_back(node_pattern());
    }
    if (accept_kw("WHERE")) q->where = expression();
    expect_sym(")");
    const Token& qt = cur();
    std::optional<int64_t> lo, hi;
    if (!quantifier(lo, hi)) fail_expected("a quantifier");
    (void)qt;
    r.var_length = true;
    r.quantified = true;
    r.min_hops = lo;
    r.max_hops = hi;
    r.qpp = std::move(q);
    return r;
}

std::vector<std::string> Parser::label_list() {
    std::vector<std::string> labels;
    while (is_sym(":")) {
        ++i_;
        labels.push_back(symbolic_name("a label name"));
        if (is_sym("|") || is_sym("&") || is_sym("!"))
            fail_at(cur(), "Label expressions are not supported yet");
    }
    return labels;
}

// ---- label expressions: A | B, A & B (or A:B), !A, %, ( ... ) ----

namespace {

ParsedExprPtr label_node(ParsedExprKind k, SourcePosition p) {
    return std::make_unique<ParsedExpression>(k, p);
}

ParsedExprPtr label_binary(BinaryOp op, ParsedExprPtr l, ParsedExprPtr r) {
    auto e = label_node(ParsedExprKind::Binary, l->pos);
    e->op = op;
    e->children.push_back(std::move(l));
    e->children.push_back(std::move(r));
    return e;
}

// Names of a tree that is only `op` over plain name leaves; false otherwise.
bool flatten_names(const ParsedExpression& e, BinaryOp op, std::vector<std::string>& out) {
    if (e.kind == ParsedExprKind::LabelCheck && e.name.empty()) {
        out.push_back(e.keys[0]);
        return true;
    }
    if (e.kind == ParsedExprKind::Binary && e.op == op)
        return flatten_names(*e.children[0], op, out) && flatten_names(*e.children[1], op, out);
    return false;
}

}  // namespace

bool label_conjunction(const ParsedExpression& e, std::vector<std::string>& out) {
    out.clear();
    return flatten_names(e, BinaryOp::And, out);
}

ParsedExprPtr Parser::label_expression() {
    auto e = label_and();
    while (no_label_or_ == 0 && accept_sym("|")) {
        accept_sym(":");  // legacy [:A|:B]
        e = label_binary(BinaryOp::Or, std::move(e), label_and());
    }
    return e;
}

ParsedExprPtr Parser::label_and() {
    auto e = label_not();
    while (is_sym("&") || is_sym(":")) {
        ++i_;
        e = label_binary(BinaryOp::And, std::move(e), label_not());
    }
    return e;
}

ParsedExprPtr Parser::label_not() {
    if (is_sym("!")) {
        auto e = label_node(ParsedExprKind::Unary, cur().pos);
        ++i_;
        e->unary = UnaryOp::Not;
        e->children.push_back(label_not());
        return e;
    }
    return label_atom();
}

ParsedExprPtr Parser::label_atom() {
    if (accept_sym("(")) {
        int saved = no_label_or_;
        no_label_or_ = 0;
        auto e = label_expression();
        no_label_or_ = saved;
        expect_sym(")");
        return e;
    }
    auto e = label_node(ParsedExprKind::LabelCheck, cur().pos);
    if (accept_sym("%")) {
        e->name = "%";
    } else {
        e->keys.push_back(symbolic_name("a label name"));
    }
    return e;
}

ParsedExprPtr Parser::properties() {
    if (is_sym("{")) return map_literal();
    if (cur().kind == TokenKind::Parameter) {
        auto e = std::make_unique<ParsedExpression>(ParsedExprKind::Parameter, cur().pos);
        e->name = cur().text;
        ++i_;
        return e;
    }
    return nullptr;
}

ParsedNodePattern Parser::node_pattern() {
    ParsedNodePattern n;
    n.pos = cur().pos;
    expect_sym("(");
    if (cur().kind == TokenKind::Identifier && !(is_kw("WHERE") && !is_sym(")", 1) && !is_sym(":", 1)))
        n.variable = toks_[i_++].text;
    if (accept_sym(":")) {
        auto le = label_expression();
        if (!label_conjunction(*le, n.labels)) {
            n.labels.clear();
            n.label_expr = std::move(le);
        }
    }
    n.properties = properties();
    if (accept_kw("WHERE")) n.where = expression();
    expect_sym(")");
    return n;
}

// '<'? '-' ('[' detail ']')? '-' '>'?
ParsedRelPattern Parser::rel_pattern() {
    ParsedRelPattern r;
    r.pos = cur().pos;
    bool left = accept_sym("<");
    expect_sym("-");
    if (accept_sym("[")) {
        if (cur().kind == TokenKind::Identifier && !is_kw("WHERE")) r.variable = toks_[i_++].text;
        if (accept_sym(":")) {
            auto te = label_expression();
            if (!flatten_names(*te, BinaryOp::Or, r.types)) {
                r.types.clear();
                r.type_expr = std::move(te);
            }
        }
        if (is_sym("..") || cur().kind == TokenKind::Integer)
            fail_at(cur(), "Invalid relationship pattern: a range needs the '*' operator",
                    "InvalidRelationshipPattern");
        if (accept_sym("*")) {
            r.var_length = true;
            if (is_sym("-") || (is_sym("..") && is_sym("-", 1)))
                fail_at(cur(), "Invalid relationship pattern: negative bound", "InvalidRelationshipPattern");
            auto hop = [&]() -> std::optional<int64_t> {
                if (cur().kind != TokenKind::Integer) return std::nullopt;
                auto lit = number_literal(false);
                return lit->literal.as_int();
            };
            r.min_hops = hop();
            if (accept_sym("..")) {
                r.max_hops = hop();
            } else {
                r.max_hops = r.min_hops;
            }
        }
        r.properties = properties();
        if (accept_kw("WHERE")) r.where = expression();
        expect_sym("]");
    }
    expect_sym("-");
    bool right = accept_sym(">");
    // <--> is undirected, like --.
    r.direction = left == right ? PatternDirection::Both
                                : (right ? PatternDirection::Right : PatternDirection::Left);
    // A quantified relationship -[:R]->{1,3}: the same matches as -[:R*1..3]->.
    const Token& q = cur();
    std::optional<int64_t> lo, hi;
    if (quantifier(lo, hi)) {
        if (r.var_length)
            fail_at(q, "Variable length relationships cannot be quantified", "InvalidRelationshipPattern");
        r.var_length = true;
        r.quantified = true;
        r.min_hops = lo.value_or(0);
        r.max_hops = hi;
        if (r.where) {
            // -[r WHERE p]->{1,3}: p holds for each relationship, as in (()-[r WHERE p]->()){1,3}
            auto qp = std::make_shared<ParsedQuantifiedPath>();
            qp->pos = r.pos;
            qp->left = anonymous_node();
            qp->right = anonymous_node();
            r.qpp = std::move(qp);
        }
    }
    return r;
}

}  // namespace quiver::parser
