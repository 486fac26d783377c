// Parser unit tests: AST shape, source positions, error codes, TCK details and messages.
#include <gtest/gtest.h>

#include "base/error.h"
#include "parser/lexer.h"
#include "parser/parser.h"

namespace quiver::parser {
namespace {

const ParsedExpression& return_expr(const ParsedStatement& st, size_t item = 0) {
    const auto& c = static_cast<const ParsedProjectionClause&>(*st.queries[0].clauses.back());
    return *c.body.items[item].expr;
}

QuiverError syntax_error_of(const std::string& q) {
    try {
        parse_statement(q);
    } catch (const QuiverError& e) {
        return e;
    }
    ADD_FAILURE() << "expected a syntax error for: " << q;
    return QuiverError("", "");
}

TEST(Lexer, TokensCarryLineAndColumn) {
    auto toks = tokenize("MATCH (n)\n  RETURN n.name");
    ASSERT_GE(toks.size(), 7u);
    EXPECT_EQ(toks[0].text, "MATCH");
    EXPECT_EQ(toks[0].pos.line, 1u);
    EXPECT_EQ(toks[0].pos.column, 1u);
    EXPECT_EQ(toks[4].text, "RETURN");
    EXPECT_EQ(toks[4].pos.line, 2u);
    EXPECT_EQ(toks[4].pos.column, 3u);
    EXPECT_EQ(toks[4].pos.offset, 12u);
    EXPECT_EQ(toks.back().kind, TokenKind::End);
}

TEST(Lexer, StringEscapesAndQuotedNames) {
    auto toks = tokenize(R"('a\'b\n\u0041' `we``ird`)");
    EXPECT_EQ(toks[0].kind, TokenKind::String);
    EXPECT_EQ(toks[0].text, "a'b\nA");
    EXPECT_EQ(toks[1].kind, TokenKind::Identifier);
    EXPECT_TRUE(toks[1].quoted);
    EXPECT_EQ(toks[1].text, "we`ird");
}

TEST(Lexer, RangeDotsAreNotFloats) {
    auto toks = tokenize("[*1..3]");
    ASSERT_GE(toks.size(), 6u);
    EXPECT_EQ(toks[2].kind, TokenKind::Integer);
    EXPECT_EQ(toks[3].text, "..");
    EXPECT_EQ(toks[4].kind, TokenKind::Integer);
}

TEST(Parser, PrecedenceOfArithmetic) {
    auto e = parse_expression("1 + 2 * 3 ^ 2");
    ASSERT_EQ(e->kind, ParsedExprKind::Binary);
    EXPECT_EQ(e->op, BinaryOp::Add);
    const auto& mul = *e->children[1];
    EXPECT_EQ(mul.op, BinaryOp::Mul);
    EXPECT_EQ(mul.children[1]->op, BinaryOp::Pow);
}

TEST(Parser, PrecedenceOfBooleanOperators) {
    auto e = parse_expression("a OR b XOR c AND NOT d");
    EXPECT_EQ(e->op, BinaryOp::Or);
    EXPECT_EQ(e->children[1]->op, BinaryOp::Xor);
    EXPECT_EQ(e->children[1]->children[1]->op, BinaryOp::And);
    EXPECT_EQ(e->children[1]->children[1]->children[1]->kind, ParsedExprKind::Unary);
}

TEST(Parser, ComparisonChainKeepsAllOperands) {
    auto e = parse_expression("1 < x <= 3");
    ASSERT_EQ(e->kind, ParsedExprKind::Comparison);
    EXPECT_EQ(e->children.size(), 3u);
    EXPECT_EQ(e->ops[0], BinaryOp::Lt);
    EXPECT_EQ(e->ops[1], BinaryOp::Le);
}

TEST(Parser, PostfixPredicates) {
    auto e = parse_expression("n.name STARTS WITH 'A' AND n.x IS NOT NULL AND n:Person:Admin");
    EXPECT_EQ(e->op, BinaryOp::And);
    EXPECT_EQ(e->children[1]->kind, ParsedExprKind::LabelCheck);
    EXPECT_EQ(e->children[1]->keys.size(), 2u);
    EXPECT_EQ(e->children[0]->children[1]->kind, ParsedExprKind::IsNotNull);
}

TEST(Parser, MinimumIntegerLiteral) {
    auto e = parse_expression("-9223372036854775808");
    ASSERT_EQ(e->kind, ParsedExprKind::Literal);
    EXPECT_EQ(e->literal.as_int(), INT64_MIN);
}

TEST(Parser, IntegerOverflowIsACompileTimeSyntaxError) {
    auto e = syntax_error_of("RETURN 9223372036854775808");
    EXPECT_EQ(e.code(), "Neo.ClientError.Statement.SyntaxError");
    EXPECT_EQ(e.tck_detail(), "IntegerOverflow");
    EXPECT_EQ(e.phase(), ErrorPhase::CompileTime);
    EXPECT_EQ(e.position().column, 8u);
}

TEST(Parser, FullExpressionGrammar) {
    // Every construct of the expression grammar parses, even those the binder rejects today.
    const char* exprs[] = {
        "CASE WHEN a THEN 1 ELSE 2 END",
        "CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' END",
        "[x IN list WHERE x > 1 | x * 2]",
        "[p = (a)-->(b) WHERE b.x > 1 | b.name]",
        "[(a)-[:T]->(b) | b]",
        "all(x IN l WHERE x > 0)",
        "single(x IN l WHERE x)",
        "reduce(acc = 0, x IN l | acc + x)",
        "n {.name, .*, age: 1, other}",
        "exists((a)-->())",
        "EXISTS { MATCH (a)-->(b) WHERE b.x = 1 }",
        "COUNT { (a)-->() }",
        "COLLECT { MATCH (a)-->(b) RETURN b.name }",
        "(a)-[:T*1..3]->(b)",
        "l[1..2]",
        "l[..-1]",
        "m['key']",
        "$param.key",
        "apoc.text.join(['a'], ',')",
        "count(DISTINCT x)",
        "{a: 1, b: [1, 2, {c: null}]}",
        "x =~ 'a.*'",
        "0x1F + 0o17 + 1.5e3 + .5",
    };
    for (const char* text : exprs) {
        SCOPED_TRACE(text);
        EXPECT_NO_THROW(parse_expression(text));
    }
}

TEST(Parser, PatternDetails) {
    auto st = parse_statement("MATCH p = (a:A:B {x: 1})<-[r:T|U*2..5 {y: 2}]-(b) RETURN p");
    const auto& m = static_cast<const ParsedMatchClause&>(*st.queries[0].clauses[0]);
    ASSERT_EQ(m.pattern.size(), 1u);
    const auto& part = m.pattern[0];
    EXPECT_EQ(part.path_variable, "p");
    EXPECT_EQ(part.nodes[0].labels.size(), 2u);
    ASSERT_TRUE(part.nodes[0].properties);
    const auto& r = part.rels[0];
    EXPECT_EQ(r.direction, PatternDirection::Left);
    EXPECT_EQ(r.types.size(), 2u);
    EXPECT_TRUE(r.var_length);
    EXPECT_EQ(*r.min_hops, 2);
    EXPECT_EQ(*r.max_hops, 5);
    EXPECT_EQ(r.pos.column, 25u);
}

TEST(Parser, ClauseGrammar) {
    const char* queries[] = {
        "MATCH (a) OPTIONAL MATCH (a)-->(b) RETURN a, b",
        "MERGE (n:A {x: 1}) ON CREATE SET n.c = 1 ON MATCH SET n.m = 2",
        "UNWIND [1] AS x RETURN x UNION ALL RETURN 2 AS x",
        "CALL db.labels() YIELD label WHERE label <> 'x' RETURN label",
        "CALL { MATCH (n) RETURN n } RETURN n",
        "FOREACH (x IN [1, 2] | CREATE (:N {x: x}))",
        "MATCH (n) SET n += {a: 1}, n:L, n = $props REMOVE n.a, n:L",
        "MATCH (n) DETACH DELETE n",
        "EXPLAIN MATCH (n) RETURN n",
        "MATCH (n) WITH DISTINCT n ORDER BY n.x DESC SKIP 1 LIMIT 2 WHERE n.y > 0 RETURN *",
        "RETURN 1;",
    };
    for (const char* q : queries) {
        SCOPED_TRACE(q);
        EXPECT_NO_THROW(parse_statement(q));
    }
}

TEST(Parser, ProjectionItemsKeepTheirSourceText) {
    auto st = parse_statement("RETURN aVg(    n.aGe     ), $age + 1 AS x, cOuNt( * )");
    const auto& c = static_cast<const ParsedProjectionClause&>(*st.queries[0].clauses[0]);
    EXPECT_EQ(c.body.items[0].text, "aVg(    n.aGe     )");
    EXPECT_EQ(c.body.items[1].alias, "x");
    EXPECT_EQ(c.body.items[2].text, "cOuNt( * )");
    EXPECT_EQ(c.body.items[2].expr->kind, ParsedExprKind::CountStar);
}

TEST(Parser, EveryNodeHasAPosition) {
    auto st = parse_statement("MATCH (n)\nWHERE n.x = 1\nRETURN n.x + 2 AS y");
    const auto& m = static_cast<const ParsedMatchClause&>(*st.queries[0].clauses[0]);
    EXPECT_EQ(m.where->pos.line, 2u);
    EXPECT_EQ(m.where->pos.column, 7u);
    const auto& e = return_expr(st);
    EXPECT_EQ(e.pos.line, 3u);
    EXPECT_EQ(e.pos.column, 8u);
    EXPECT_EQ(e.children[1]->pos.column, 14u);
}

TEST(Parser, SyntaxErrorsReportPosition) {
    auto e = syntax_error_of("MATCH (n)\nRETURN n ORDER n");
    EXPECT_EQ(e.code(), "Neo.ClientError.Statement.SyntaxError");
    EXPECT_EQ(e.tck_detail(), "UnexpectedSyntax");
    EXPECT_EQ(e.phase(), ErrorPhase::CompileTime);
    EXPECT_EQ(e.position().line, 2u);
    EXPECT_EQ(e.position().column, 16u);
    EXPECT_NE(e.message().find("Invalid input 'n': expected BY"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("(line 2, column 16 (offset: 25))"), std::string::npos) << e.message();
}

TEST(Parser, UnterminatedInputs) {
    EXPECT_EQ(syntax_error_of("RETURN 'abc").tck_detail(), "UnexpectedSyntax");
    EXPECT_EQ(syntax_error_of("RETURN `abc").tck_detail(), "UnexpectedSyntax");
    EXPECT_EQ(syntax_error_of("RETURN 1 /* x").tck_detail(), "UnexpectedSyntax");
    EXPECT_EQ(syntax_error_of("MATCH (n)-[").tck_detail(), "UnexpectedSyntax");
    EXPECT_EQ(syntax_error_of("").tck_detail(), "UnexpectedSyntax");
}

TEST(Parser, InvalidLiterals) {
    EXPECT_EQ(syntax_error_of("RETURN 0x").tck_detail(), "InvalidNumberLiteral");
    EXPECT_EQ(syntax_error_of("RETURN 12abc").tck_detail(), "InvalidNumberLiteral");
    EXPECT_EQ(syntax_error_of("RETURN 0o9").tck_detail(), "InvalidNumberLiteral");
    EXPECT_EQ(syntax_error_of("RETURN '\\u12'").tck_detail(), "InvalidUnicodeLiteral");
    EXPECT_EQ(syntax_error_of("RETURN 1e999").tck_detail(), "FloatingPointOverflow");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
    std::string q = "RETURN " + std::string(2000, '(') + "1" + std::string(2000, ')');
    EXPECT_EQ(syntax_error_of(q).code(), "Neo.ClientError.Statement.SyntaxError");
}

}  // namespace
}  // namespace quiver::parser
