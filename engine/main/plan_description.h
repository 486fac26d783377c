// quiver::main — turns a logical plan into the public PlanDescription of EXPLAIN/PROFILE,
// with Neo4j's operator names and the planner's row estimates.
#pragma once

#include <memory>
#include <unordered_map>

#include "planner/logical_operator.h"
#include "quiver/database.h"

namespace quiver::main {

// `rows` (PROFILE): the actual rows each operator produced, added as the "Rows" argument.
using ProfiledRows = std::unordered_map<const planner::LogicalOperator*, int64_t>;
std::shared_ptr<const PlanDescription> describe_plan(const planner::LogicalPlan& plan,
                                                     const ProfiledRows* rows = nullptr);

}  // namespace quiver::main
