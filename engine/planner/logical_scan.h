#pragma once

#include <optional>

#include "planner/logical_operator.h"

namespace quiver::planner {

// One row with every slot null: the input of the first clause.
struct LogicalArgument final : LogicalOperator {
    LogicalArgument() : LogicalOperator(LogicalOpKind::Argument) {}
    std::string describe() const override { return "Argument"; }
};

// How a node scan finds its candidates (chosen by planner/index_selection.cpp). A seek only
// narrows the candidates: the predicates it was derived from stay in `predicates` and are
// re-checked per node, so a seek never changes the rows produced. When a seek value's type is
// not served by the index (a list for a range index, a number for a text index...) the
// executor falls back to the label scan.
enum class SeekKind : uint8_t {
    None,
    IndexEquals,      // index; arg = value
    IndexIn,          // index; arg = list of values
    IndexRange,       // index; arg = lower bound or null, arg2 = upper bound or null
    IndexStartsWith,  // index; arg = prefix
    IndexEndsWith,    // text index; arg = suffix
    IndexContains,    // text index; arg = infix
    PointBBox,        // point index; arg = lower-left, arg2 = upper-right
    PointDistance,    // point index; arg = centre, arg2 = distance
    IndexComposite,   // composite range index; args = one value per key, in the index's order
    ById,             // arg = id
    ByIdIn,           // arg = list of ids
    ByElementId,      // arg = element id
    ByElementIdIn,    // arg = list of element ids
};
struct NodeSeek {
    SeekKind kind = SeekKind::None;
    std::string index, index_type, property;  // index seeks: name, RANGE/TEXT/POINT, key
    BoundExprPtr arg, arg2;
    std::vector<BoundExprPtr> args;  // IndexComposite
    std::vector<std::string> properties;  // IndexComposite: the index's keys
    bool lo_strict = false, hi_strict = false;  // IndexRange / PointDistance (describe only)
};

// For each input row: every node (label empty) or every node carrying `label`, or the
// candidates of `seek`. `predicates` are evaluated per node before the row is passed on
// (pushed down by the optimizer's predicate_pushdown pass).
struct LogicalNodeScan final : LogicalOperator {
    LogicalNodeScan() : LogicalOperator(LogicalOpKind::NodeScan) {}
    VarId var = binder::kNoVar;
    std::optional<std::string> label;
    NodeSeek seek;
    std::vector<BoundExprPtr> predicates;
    std::string describe() const override;
    const char* operator_name() const;  // Neo4j's name: NodeIndexSeek, NodeByLabelScan, ...
};

// For each input row: the relationships whose id is `arg` (each element of `arg` when `list`),
// of one of `types` (any when empty), binding `rel` and its endpoints `start` and `end`
// (a directed pattern with two distinct, unbound node variables).
struct LogicalRelByIdSeek final : LogicalOperator {
    LogicalRelByIdSeek() : LogicalOperator(LogicalOpKind::RelByIdSeek) {}
    VarId rel = binder::kNoVar, start = binder::kNoVar, end = binder::kNoVar;
    std::vector<std::string> types;
    BoundExprPtr arg;
    bool list = false;
    std::string describe() const override;
};

// For each input row: the relationships of `type` whose `key` equals `value`, found through a
// relationship range index (DirectedRelationshipIndexSeek / UndirectedRelationshipIndexSeek),
// binding `rel` and its endpoints `a` -[rel]-> `b` (undirected: both orientations, a self-loop
// once). `distinct_from`: relationships of the same MATCH this one must differ from.
struct LogicalRelIndexSeek final : LogicalOperator {
    LogicalRelIndexSeek() : LogicalOperator(LogicalOpKind::RelIndexSeek) {}
    VarId rel = binder::kNoVar, a = binder::kNoVar, b = binder::kNoVar;
    bool directed = true;  // a is the start node
    std::string type, key;
    BoundExprPtr value;
    std::vector<VarId> distinct_from;
    std::string describe() const override;
};

}  // namespace quiver::planner
