// quiver::parser — expression nodes of the AST (ParsedExpression).
//
// One node type with a kind tag keeps the full openCypher expression grammar (see
// cypher.ebnf) compact. Every node records the source position of its first token.
// Field use per kind:
//   Literal        literal
//   Parameter      name ($name or $0)
//   Variable       name
//   Property       children[0] = map/entity expression, name = key
//   Index          children[0][children[1]]
//   Slice          children[0][children[1]..children[2]]; has_from/has_to say which exist
//   FunctionCall   name (dotted, as written), children = arguments, distinct
//   CountStar      count(*)
//   Binary         op, children[0..1]
//   Unary          unary, children[0]
//   Comparison     a chain a < b <= c: children = operands, ops = the operators between
//   IsNull/IsNotNull children[0]
//   List           children = items
//   Map            keys[i] -> children[i]
//   MapProjection  name = variable, map_items
//   Case           children = [subject?] (when, then)* [else?]; has_subject, has_else
//   ListComprehension  name = variable; children = [list, where?, projection?]; has_where/has_map
//   Quantifier     quantifier; name = variable; children = [list, where?]
//   Reduce         name = accumulator, keys[0] = element variable; children = [init, list, expr]
//   LabelCheck     children[0], keys = labels (n:A:B)
//   PatternPredicate  pattern (a relationship pattern used as an expression)
//   PatternComprehension  pattern, name = path variable; children = [where?, projection]
//   ExistsSubquery / CountSubquery / CollectSubquery  subquery or pattern (+ where)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/error.h"
#include "value/value.h"

namespace quiver::parser {

struct ParsedPatternPart;
struct ParsedStatement;

enum class ParsedExprKind : uint8_t {
    Literal,
    Parameter,
    Variable,
    Property,
    Index,
    Slice,
    FunctionCall,
    CountStar,
    Binary,
    Unary,
    Comparison,
    IsNull,
    IsNotNull,
    List,
    Map,
    MapProjection,
    Case,
    ListComprehension,
    Quantifier,
    Reduce,
    LabelCheck,
    PatternPredicate,
    PatternComprehension,
    ExistsSubquery,
    CountSubquery,
    CollectSubquery,
};

enum class BinaryOp : uint8_t {
    Or,
    Xor,
    And,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Eq,
    Neq,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    StartsWith,
    EndsWith,
    Contains,
    RegexMatch,
};
const char* binary_op_text(BinaryOp op);

enum class UnaryOp : uint8_t { Not, Negate, Plus };
enum class Quantifier : uint8_t { All, Any, None, Single };

struct ParsedExpression;
using ParsedExprPtr = std::unique_ptr<ParsedExpression>;

// One entry of a map projection n{.a, b: expr, .*, v}.
struct ParsedMapProjectionItem {
    enum class Kind : uint8_t { Property, Literal, Variable, AllProperties } kind;
    std::string key;
    ParsedExprPtr value;  // Literal only
};

struct ParsedExpression {
    ParsedExprKind kind;
    SourcePosition pos;
    BinaryOp op = BinaryOp::And;
    UnaryOp unary = UnaryOp::Not;
    Quantifier quantifier = Quantifier::All;
    bool distinct = false;
    bool has_subject = false, has_else = false;
    bool has_from = false, has_to = false;
    bool has_where = false, has_map = false;
    Value literal;
    std::string name;
    std::vector<std::string> keys;
    std::vector<ParsedExprPtr> children;
    std::vector<BinaryOp> ops;
    std::vector<ParsedMapProjectionItem> map_items;
    std::shared_ptr<std::vector<ParsedPatternPart>> pattern;
    std::shared_ptr<ParsedStatement> subquery;
    ParsedExprPtr where;  // pattern comprehension / subquery WHERE

    ParsedExpression(ParsedExprKind k, SourcePosition p) : kind(k), pos(p) {}
};

}  // namespace quiver::parser
