// Pass sort_limit_to_top: Limit(Skip?(Sort)) becomes Top, which keeps only skip + limit rows
// while sorting.
#include "optimizer/optimizer.h"
#include "planner/logical_limit.h"
#include "planner/logical_order.h"

namespace quiver::optimizer {

namespace {

void rewrite(planner::LogicalOpPtr& slot) {
    using namespace planner;
    for (auto& c : slot->children) rewrite(c);
    if (slot->kind != LogicalOpKind::Limit) return;
    auto& limit = static_cast<LogicalLimit&>(*slot);
    LogicalOperator* below = limit.input();
    LogicalSkip* skip = nullptr;
    if (below->kind == LogicalOpKind::Skip) {
        skip = static_cast<LogicalSkip*>(below);
        below = skip->input();
    }
    if (below->kind != LogicalOpKind::Sort || limit.exhaust_input) return;
    auto& sort = static_cast<LogicalSort&>(*below);
    auto top = std::make_unique<LogicalTop>();
    top->keys = std::move(sort.keys);
    top->limit = std::move(limit.count);
    if (skip) top->skip = std::move(skip->count);
    top->cardinality = limit.cardinality;
    top->children.push_back(std::move(sort.children[0]));
    slot = std::move(top);
}

}  // namespace

void sort_limit_to_top(planner::LogicalPlan& plan) { rewrite(plan.root); }

}  // namespace quiver::optimizer
