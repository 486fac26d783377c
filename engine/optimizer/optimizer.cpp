#include "optimizer/optimizer.h"

#include <fmt/format.h>

#include "base/error.h"

namespace quiver::optimizer {

namespace {
struct Pass {
    const char* name;
    void (*run)(planner::LogicalPlan&);
};
const Pass kPasses[] = {
    {"constant_folding", constant_folding},
    {"predicate_pushdown", predicate_pushdown},
    {"sort_limit_to_top", sort_limit_to_top},
};

void verify_op(const planner::LogicalOperator& op) {
    using K = planner::LogicalOpKind;
    if (op.kind != K::Argument && op.children.empty())
        throw QuiverError(std::string(status::UnknownError),
                          fmt::format("optimizer produced an operator without input: {}", op.describe()));
    for (const auto& c : op.children) {
        if (!c) throw QuiverError(std::string(status::UnknownError), "optimizer produced a null child");
        verify_op(*c);
    }
}
}  // namespace

const std::vector<std::string>& pass_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& p : kPasses) v.push_back(p.name);
        return v;
    }();
    return names;
}

void verify_plan(const planner::LogicalPlan& plan) {
    if (!plan.root) throw QuiverError(std::string(status::UnknownError), "optimizer lost the plan");
    verify_op(*plan.root);
}

void optimize(planner::LogicalPlan& plan, const OptimizerOptions& options) {
    for (const auto& p : kPasses) {
        if (options.disabled.count(p.name)) continue;
        p.run(plan);
        verify_plan(plan);
    }
}

}  // namespace quiver::optimizer
