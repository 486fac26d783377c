// Pass predicate_pushdown: a Filter whose input is a node scan or an expand moves its
// predicates into that operator (the planner placed it right after the operator that bound the
// last variable the predicates need, so they are all evaluable there).
#include "optimizer/optimizer.h"
#include "planner/logical_expand.h"
#include "planner/logical_filter.h"
#include "planner/logical_scan.h"

namespace quiver::optimizer {

namespace {

void push_into(planner::LogicalOpPtr& slot) {
    using namespace planner;
    for (auto& c : slot->children) push_into(c);
    if (slot->kind != LogicalOpKind::Filter) return;
    auto& f = static_cast<LogicalFilter&>(*slot);
    LogicalOperator* in = f.input();
    std::vector<BoundExprPtr>* target = nullptr;
    if (in->kind == LogicalOpKind::NodeScan) target = &static_cast<LogicalNodeScan*>(in)->predicates;
    if (in->kind == LogicalOpKind::Expand) target = &static_cast<LogicalExpand*>(in)->predicates;
    if (!target) return;
    for (auto& p : f.predicates) target->push_back(std::move(p));
    in->cardinality = f.cardinality;
    LogicalOpPtr child = std::move(f.children[0]);
    slot = std::move(child);
}

}  // namespace

void predicate_pushdown(planner::LogicalPlan& plan) { push_into(plan.root); }

}  // namespace quiver::optimizer
