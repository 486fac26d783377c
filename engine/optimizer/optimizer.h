// quiver::optimizer — rewrites a logical plan with a list of named passes, run in order. Each
// pass can be switched off on its own (tests compare results with passes on and off) and the
// plan is verified after each pass.
//
// May call: planner, base. Passes (one file each):
//   constant_folding     literal-only sub-expressions become literals (errors stay runtime)
//   predicate_pushdown   Filters directly above a scan or expand move into that operator
//   sort_limit_to_top    Sort [+ Skip] + Limit become one Top operator
#pragma once

#include <set>
#include <string>
#include <vector>

#include "planner/logical_operator.h"

namespace quiver::optimizer {

struct OptimizerOptions {
    std::set<std::string> disabled;  // names of passes to skip
};

const std::vector<std::string>& pass_names();
void optimize(planner::LogicalPlan& plan, const OptimizerOptions& options = {});

// Individual passes.
void constant_folding(planner::LogicalPlan& plan);
void predicate_pushdown(planner::LogicalPlan& plan);
void sort_limit_to_top(planner::LogicalPlan& plan);

// Structural check run after every pass (throws an internal error on a broken plan).
void verify_plan(const planner::LogicalPlan& plan);

}  // namespace quiver::optimizer
