// Logical -> physical mapping: one case per logical operator family.
#include <fmt/format.h>

#include "base/error.h"
#include "executor/executor.h"
#include "executor/physical_aggregate.h"
#include "executor/physical_apply.h"
#include "executor/physical_call.h"
#include "executor/physical_expand.h"
#include "executor/physical_filter.h"
#include "executor/physical_limit.h"
#include "executor/physical_merge.h"
#include "executor/physical_optional.h"
#include "executor/physical_projection.h"
#include "executor/physical_scan.h"
#include "executor/physical_shortest_path.h"
#include "executor/physical_sort.h"
#include "executor/physical_var_expand.h"
#include "executor/physical_union.h"
#include "executor/physical_update.h"

namespace quiver::executor {

using namespace planner;

namespace {
template <class P, class L>
PhysicalOpPtr make(const LogicalOperator& op) {
    return std::make_unique<P>(static_cast<const L&>(op));
}
}  // namespace

PhysicalOpPtr map_plan(const LogicalOperator& op) {
    PhysicalOpPtr p;
    switch (op.kind) {
        case LogicalOpKind::Argument: p = std::make_unique<PhysicalArgument>(); break;
        case LogicalOpKind::NodeScan: p = make<PhysicalNodeScan, LogicalNodeScan>(op); break;
        case LogicalOpKind::RelIndexSeek:
            p = make<PhysicalRelIndexSeek, LogicalRelIndexSeek>(op);
            break;
        case LogicalOpKind::Expand: p = make<PhysicalExpand, LogicalExpand>(op); break;
        case LogicalOpKind::Filter: p = make<PhysicalFilter, LogicalFilter>(op); break;
        case LogicalOpKind::Projection: p = make<PhysicalProjection, LogicalProjection>(op); break;
        case LogicalOpKind::Unwind: p = make<PhysicalUnwind, LogicalUnwind>(op); break;
        case LogicalOpKind::Aggregate: p = make<PhysicalAggregate, LogicalAggregate>(op); break;
        case LogicalOpKind::Sort: p = make<PhysicalSort, LogicalSort>(op); break;
        case LogicalOpKind::Top: p = make<PhysicalSort, LogicalTop>(op); break;
        case LogicalOpKind::Skip: p = make<PhysicalSkip, LogicalSkip>(op); break;
        case LogicalOpKind::Limit: p = make<PhysicalLimit, LogicalLimit>(op); break;
        case LogicalOpKind::Distinct: p = make<PhysicalDistinct, LogicalDistinct>(op); break;
        case LogicalOpKind::Create: p = make<PhysicalCreate, LogicalCreate>(op); break;
        case LogicalOpKind::Set: p = make<PhysicalSet, LogicalSet>(op); break;
        case LogicalOpKind::Remove: p = make<PhysicalRemove, LogicalRemove>(op); break;
        case LogicalOpKind::Delete: p = make<PhysicalDelete, LogicalDelete>(op); break;
        case LogicalOpKind::Eager: p = make<PhysicalEager, LogicalEager>(op); break;
        case LogicalOpKind::ProcedureCall:
            p = make<PhysicalProcedureCall, LogicalProcedureCall>(op);
            break;
        case LogicalOpKind::Union: p = make<PhysicalUnion, LogicalUnion>(op); break;
        case LogicalOpKind::Merge: p = make<PhysicalMerge, LogicalMerge>(op); break;
        case LogicalOpKind::Optional: p = make<PhysicalOptional, LogicalOptional>(op); break;
        case LogicalOpKind::VarExpand: p = make<PhysicalVarExpand, LogicalVarExpand>(op); break;
        case LogicalOpKind::ShortestPath:
            p = make<PhysicalShortestPath, LogicalShortestPath>(op);
            break;
        case LogicalOpKind::RelByIdSeek:
            p = make<PhysicalRelByIdSeek, LogicalRelByIdSeek>(op);
            break;
        case LogicalOpKind::ProduceResults:
            p = make<PhysicalProduceResults, LogicalProduceResults>(op);
            break;
        case LogicalOpKind::SubqueryCall:
            if (static_cast<const LogicalSubqueryCall&>(op).in_transactions)
                p = make<PhysicalTransactionApply, LogicalSubqueryCall>(op);
            else
                p = make<PhysicalApply, LogicalSubqueryCall>(op);
            break;
        case LogicalOpKind::Foreach: p = make<PhysicalForeach, LogicalForeach>(op); break;
    }
    if (!p)
        throw QuiverError(std::string(status::UnknownError),
                          fmt::format("no physical operator for {}", op.describe()));
    for (const auto& c : op.children) p->children.push_back(map_plan(*c));
    return p;
}

namespace {
void explain_into(const PhysicalOperator& op, int depth, std::string& out) {
    out += std::string(size_t(depth) * 2, ' ') + op.describe() + "\n";
    for (const auto& c : op.children) explain_into(*c, depth + 1, out);
}
}  // namespace

std::string explain(const PhysicalOperator& root) {
    std::string out;
    explain_into(root, 0, out);
    return out;
}

}  // namespace quiver::executor
