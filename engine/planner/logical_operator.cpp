// describe() of every logical operator and the EXPLAIN rendering.
#include <fmt/format.h>

#include "function/procedure.h"

#include "planner/logical_aggregate.h"
#include "planner/logical_call.h"
#include "planner/logical_distinct.h"
#include "planner/logical_expand.h"
#include "planner/logical_filter.h"
#include "planner/logical_limit.h"
#include "planner/logical_optional.h"
#include "planner/logical_order.h"
#include "planner/logical_projection.h"
#include "planner/logical_scan.h"
#include "planner/logical_unwind.h"
#include "planner/logical_update.h"

namespace quiver::planner {

namespace {
std::string join_exprs(const std::vector<BoundExprPtr>& es, const char* sep = " AND ") {
    std::string s;
    for (size_t i = 0; i < es.size(); ++i) s += (i ? sep : "") + es[i]->describe();
    return s;
}
std::string sort_keys(const std::vector<LogicalSortKey>& keys) {
    std::string s;
    for (size_t i = 0; i < keys.size(); ++i)
        s += (i ? ", " : "") + keys[i].expr->describe() + (keys[i].descending ? " DESC" : "");
    return s;
}
}  // namespace

const char* LogicalNodeScan::operator_name() const {
    switch (seek.kind) {
        case SeekKind::None: return label ? "NodeByLabelScan" : "AllNodesScan";
        case SeekKind::IndexEquals:
        case SeekKind::IndexComposite:
        case SeekKind::IndexIn: return "NodeIndexSeek";
        case SeekKind::IndexRange:
        case SeekKind::IndexStartsWith:
        case SeekKind::PointBBox:
        case SeekKind::PointDistance: return "NodeIndexSeekByRange";
        case SeekKind::IndexEndsWith: return "NodeIndexEndsWithScan";
        case SeekKind::IndexContains: return "NodeIndexContainsScan";
        case SeekKind::ById:
        case SeekKind::ByIdIn: return "NodeByIdSeek";
        case SeekKind::ByElementId:
        case SeekKind::ByElementIdIn: return "NodeByElementIdSeek";
    }
    return "NodeByLabelScan";
}

std::string LogicalNodeScan::describe() const {
    std::string s;
    std::string l = label ? ":" + *label : "";
    std::string a = seek.arg ? seek.arg->describe() : "", b = seek.arg2 ? seek.arg2->describe() : "";
    const std::string& p = seek.property;
    std::string ix = fmt::format("{} INDEX v{}{}({}) WHERE ", seek.index_type, var, l, p);
    switch (seek.kind) {
        case SeekKind::None: s = fmt::format("{}(v{}{})", operator_name(), var, l); break;
        case SeekKind::IndexEquals: s = ix + p + " = " + a; break;
        case SeekKind::IndexIn: s = ix + p + " IN " + a; break;
        case SeekKind::IndexRange:
            s = ix;
            if (seek.arg) s += p + (seek.lo_strict ? " > " : " >= ") + a;
            if (seek.arg && seek.arg2) s += " AND ";
            if (seek.arg2) s += p + (seek.hi_strict ? " < " : " <= ") + b;
            break;
        case SeekKind::IndexStartsWith: s = ix + p + " STARTS WITH " + a; break;
        case SeekKind::IndexEndsWith: s = ix + p + " ENDS WITH " + a; break;
        case SeekKind::IndexContains: s = ix + p + " CONTAINS " + a; break;
        case SeekKind::PointBBox: s = ix + "point.withinBBox(" + p + ", " + a + ", " + b + ")"; break;
        case SeekKind::PointDistance:
            s = ix + "point.distance(" + p + ", " + a + (seek.hi_strict ? ") < " : ") <= ") + b;
            break;
        case SeekKind::IndexComposite:
            s = ix;
            for (size_t i = 0; i < seek.args.size() && i < seek.properties.size(); ++i)
                s += (i ? " AND " : "") + seek.properties[i] + " = " + seek.args[i]->describe();
            break;
        case SeekKind::ById: s = fmt::format("v{}{} WHERE id(v{}) = {}", var, l, var, a); break;
        case SeekKind::ByIdIn: s = fmt::format("v{}{} WHERE id(v{}) IN {}", var, l, var, a); break;
        case SeekKind::ByElementId:
            s = fmt::format("v{}{} WHERE elementId(v{}) = {}", var, l, var, a);
            break;
        case SeekKind::ByElementIdIn:
            s = fmt::format("v{}{} WHERE elementId(v{}) IN {}", var, l, var, a);
            break;
    }
    if (seek.kind != SeekKind::None) s = std::string(operator_name()) + "(" + s + ")";
    if (!predicates.empty()) s += " WHERE " + join_exprs(predicates);
    return s;
}

std::string LogicalRelByIdSeek::describe() const {
    std::string types_s;
    for (size_t i = 0; i < types.size(); ++i) types_s += (i ? "|" : ":") + types[i];
    return fmt::format("DirectedRelationshipByIdSeek((v{})-[v{}{}]->(v{}) WHERE id(v{}) {} {})",
                       start, rel, types_s, end, rel, list ? "IN" : "=", arg->describe());
}

std::string LogicalRelIndexSeek::describe() const {
    return fmt::format("RANGE INDEX (v{})-[v{}:{}({})]-{}(v{}) WHERE {} = {}", a, rel, type, key,
                       directed ? ">" : "", b, key, value->describe());
}

std::string LogicalExpand::describe() const {
    const char* l = direction == ExpandDirection::Incoming ? "<-" : "-";
    const char* r = direction == ExpandDirection::Outgoing ? "->" : "-";
    std::string types_s;
    for (size_t i = 0; i < types.size(); ++i) types_s += (i ? "|" : ":") + types[i];
    std::string s = fmt::format("{}(v{}){}[v{}{}]{}(v{})", into ? "ExpandInto" : "Expand", from, l,
                                rel, types_s, r, to);
    if (!predicates.empty()) s += " WHERE " + join_exprs(predicates);
    return s;
}

std::string LogicalOptional::describe() const {
    std::string s = "Optional(nulls:";
    for (VarId v : null_vars) s += fmt::format(" v{}", v);
    return s + ")";
}

std::string LogicalVarExpand::describe() const {
    const char* l = direction == ExpandDirection::Incoming ? "<-" : "-";
    const char* r = direction == ExpandDirection::Outgoing ? "->" : "-";
    std::string types_s;
    for (size_t i = 0; i < types.size(); ++i) types_s += (i ? "|" : ":") + types[i];
    std::string range = max_hops < 0 ? fmt::format("*{}..", min_hops)
                                     : fmt::format("*{}..{}", min_hops, max_hops);
    std::string s = fmt::format("VarLengthExpand{}(v{}){}[v{}{}{}]{}(v{})", into ? "Into" : "", from,
                                l, rel, types_s, range, r, to);
    if (rel_properties) s += " {" + rel_properties->describe() + "}";
    if (step && !step->predicates.empty()) s += " EACH " + join_exprs(step->predicates);
    return s;
}

std::string LogicalProcedureCall::describe() const {
    std::string s = "ProcedureCall(" + procedure->name + "(" + join_exprs(args, ", ") + ")";
    for (const auto& [idx, v] : yields) s += fmt::format(" {}->v{}", procedure->outputs[idx].name, v);
    if (!predicates.empty()) s += " WHERE " + join_exprs(predicates);
    return s + ")";
}

std::string LogicalFilter::describe() const { return "Filter(" + join_exprs(predicates) + ")"; }

std::string LogicalProjection::describe() const {
    std::string s = "Projection(";
    for (size_t i = 0; i < items.size(); ++i)
        s += (i ? ", " : "") + fmt::format("v{} = {}", items[i].second, items[i].first->describe());
    return s + ")";
}

std::string LogicalProduceResults::describe() const {
    std::string s = "ProduceResults(";
    for (size_t i = 0; i < columns.size(); ++i) s += (i ? ", " : "") + columns[i];
    return s + ")";
}

std::string LogicalUnwind::describe() const {
    return fmt::format("Unwind({} AS v{})", list->describe(), var);
}

std::string LogicalAggregate::describe() const {
    std::string s = "Aggregate(keys: ";
    for (size_t i = 0; i < keys.size(); ++i)
        s += (i ? ", " : "") + fmt::format("v{} = {}", keys[i].second, keys[i].first->describe());
    s += "; aggregates: ";
    for (size_t i = 0; i < aggregates.size(); ++i)
        s += (i ? ", " : "") +
             fmt::format("v{} = {}", aggregates[i].second, aggregates[i].first->describe());
    return s + ")";
}

std::string LogicalSort::describe() const { return "Sort(" + sort_keys(keys) + ")"; }
std::string LogicalTop::describe() const {
    return fmt::format("Top({}; skip {}; limit {})", sort_keys(keys),
                       skip ? skip->describe() : "0", limit->describe());
}
std::string LogicalSkip::describe() const { return "Skip(" + count->describe() + ")"; }
std::string LogicalLimit::describe() const { return "Limit(" + count->describe() + ")"; }
std::string LogicalDistinct::describe() const {
    std::string s = "Distinct(";
    for (size_t i = 0; i < vars.size(); ++i) s += (i ? ", " : "") + fmt::format("v{}", vars[i]);
    return s + ")";
}
std::string LogicalCreate::describe() const {
    return fmt::format("Create({} nodes, {} relationships)", nodes.size(), rels.size());
}
std::string LogicalSet::describe() const { return fmt::format("Set({} items)", items.size()); }
std::string LogicalRemove::describe() const { return fmt::format("Remove({} items)", items.size()); }
std::string LogicalDelete::describe() const {
    return std::string(detach ? "DetachDelete(" : "Delete(") + join_exprs(targets, ", ") + ")";
}

namespace {
void explain_into(const LogicalOperator& op, int depth, std::string& out) {
    out += std::string(size_t(depth) * 2, ' ') + op.describe() + "\n";
    for (const auto& c : op.children) explain_into(*c, depth + 1, out);
}
}  // namespace

std::string explain(const LogicalOperator& root) {
    std::string out;
    explain_into(root, 0, out);
    return out;
}

}  // namespace quiver::planner
