// quiver::binder — bound expressions: names resolved to variable ids, functions to their
// descriptors, aggregates marked. Shared read-only by planner, optimizer and executor.
//
// Field use per kind (children in order):
//   Literal          literal
//   Parameter        name
//   Variable         var
//   Property         [object], name = key
//   Index            [container, index];  Slice [list, from?, to?] (has_from/has_to)
//   ScalarCall       scalar, children = args
//   AggregateCall    aggregate, distinct, children = [arg] (count(*) has no children)
//   Binary           op, [left, right]
//   Not / Negate     [operand]
//   IsNull/IsNotNull [operand]
//   List             items;  Map keys[i] -> children[i]
//   Case             [subject?] (when, then)* [else?]
//   LabelCheck       [node], keys = labels
//   ListComprehension var = element; [list, where?, map?] (has_where/has_map)
//   Quantifier       quantifier, var; [list, where?]
//   Reduce           var = accumulator, var2 = element; [init, list, expr]
//   MapProjection    var = entity/map variable; keys[i] with map_kinds[i] and children (literal items)
//   PropertiesMatch  [entity, map]: every key of map equals the entity's property (inline maps
//                    given as a parameter)
//   PathBuild        [node, rel, node, rel, ..., node] variables
//   PatternMatch     subpattern; children = the inline property maps it names, then [where?]
//                    [projection?] (has_where/has_map). Type Bool: whether the pattern occurs
//                    (pattern predicates, EXISTS); type List: the projection per match (pattern
//                    comprehension). Variables of subpattern->locals are bound per match.
//   Subquery         subquery = index into BoundStatement::subqueries; name = "EXISTS" (whether
//                    it yields a row), "COUNT" (how many) or "COLLECT" (its one column as a
//                    list); var = COLLECT's column variable; children = the outer variables
//   ShortestPath     shortest; keys = relationship types; [from node, to node, properties?]
//                    (has_map): shortestPath(...) as an expression (the path or null), or
//                    allShortestPaths(...) (the list of paths)
#pragma once

#include <functional>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/error.h"
#include "parser/parsed_expression.h"
#include "parser/parsed_pattern.h"
#include "value/value.h"

namespace quiver::function {
struct ScalarFunction;
struct AggregateFunction;
}  // namespace quiver::function

namespace quiver::binder {

using VarId = uint32_t;
inline constexpr VarId kNoVar = 0xFFFFFFFFu;

// What the binder knows statically about an expression's result.
enum class StaticType : uint8_t {
    Any, Null, Bool, Int, Float, Number, String, List, Map, Node, Relationship, Path
};
const char* static_type_name(StaticType t);

enum class BoundExprKind : uint8_t {
    Literal,
    Parameter,
    Variable,
    Property,
    Index,
    Slice,
    ScalarCall,
    AggregateCall,
    Binary,
    Not,
    Negate,
    IsNull,
    IsNotNull,
    List,
    Map,
    Case,
    LabelCheck,
    ListComprehension,
    Quantifier,
    Reduce,
    MapProjection,
    PropertiesMatch,
    PathBuild,
    PatternMatch,
    Subquery,
    ShortestPath,
};

// The relationship of a ShortestPath expression.
struct ShortestPathSpec {
    parser::PatternDirection direction = parser::PatternDirection::Both;
    int64_t min_hops = 1, max_hops = -1;
    bool all = false;  // allShortestPaths
};

// The pattern of a PatternMatch expression. `bound`: the element's variable is bound outside
// (the match must use its value); otherwise the matcher binds it. props: index into the
// expression's children, -1 when absent.
struct SubpatternNode {
    VarId var = 0xFFFFFFFFu;
    bool bound = false;
    std::vector<std::string> labels;
    int props = -1;
};
struct SubpatternRel {
    VarId var = 0xFFFFFFFFu;
    bool bound = false;
    std::vector<std::string> types;
    parser::PatternDirection direction = parser::PatternDirection::Both;
    bool var_length = false;
    int64_t min_hops = 1, max_hops = -1;
    int props = -1;
};
struct SubpatternPart {
    VarId path_var = 0xFFFFFFFFu;
    std::vector<SubpatternNode> nodes;
    std::vector<SubpatternRel> rels;  // rels[i] joins nodes[i] and nodes[i + 1]
};
struct Subpattern {
    std::vector<SubpatternPart> parts;
    std::vector<VarId> locals;  // variables the pattern introduces
};

struct BoundExpression;
using BoundExprPtr = std::unique_ptr<BoundExpression>;

struct BoundExpression {
    BoundExprKind kind;
    SourcePosition pos;
    StaticType type = StaticType::Any;
    parser::BinaryOp op = parser::BinaryOp::And;
    parser::Quantifier quantifier = parser::Quantifier::All;
    bool distinct = false;
    bool has_subject = false, has_else = false;
    bool has_from = false, has_to = false;
    bool has_where = false, has_map = false;
    Value literal;
    std::string name;
    VarId var = kNoVar, var2 = kNoVar;
    const function::ScalarFunction* scalar = nullptr;
    const function::AggregateFunction* aggregate = nullptr;
    std::vector<std::string> keys;
    std::vector<uint8_t> map_kinds;  // MapProjection: parser::ParsedMapProjectionItem::Kind
    std::vector<BoundExprPtr> children;
    std::shared_ptr<const Subpattern> subpattern;  // PatternMatch
    int subquery = -1;                             // Subquery
    std::shared_ptr<const ShortestPathSpec> shortest;  // ShortestPath

    BoundExpression(BoundExprKind k, SourcePosition p) : kind(k), pos(p) {}

    BoundExprPtr clone() const;
    // Structural equality (same kind, same fields, equal children); positions ignored.
    bool same_as(const BoundExpression& o) const;
    bool contains_aggregate() const;
    bool is_constant() const;  // literals and parameters only (no variables, no aggregates)
    void collect_variables(std::vector<VarId>& out) const;  // free variables
    std::string describe() const;  // short text for EXPLAIN and errors
};

BoundExprPtr make_literal(Value v, SourcePosition pos = {});
BoundExprPtr make_variable(VarId v, StaticType t, SourcePosition pos = {});
BoundExprPtr make_binary(parser::BinaryOp op, BoundExprPtr l, BoundExprPtr r);
// The predicate of a parsed label expression tree (Binary And/Or, Unary Not, LabelCheck leaves)
// applied to a subject; `subject` is called once per leaf.
BoundExprPtr make_label_predicate(const parser::ParsedExpression& tree,
                                  const std::function<BoundExprPtr()>& subject);

}  // namespace quiver::binder
