// quiver::main — turns a logical plan into the public PlanDescription of EXPLAIN/PROFILE,
// with Neo4j's operator names and the planner's row estimates.
#pragma once

#include <memory>
#include <unordered_map>

#include "executor/execution_context.h"
#include "planner/logical_operator.h"
#include "quiver/database.h"

namespace quiver::main {

// `profile` (PROFILE): what each operator did, its children included; the description carries
// each operator's own share as "Rows", "DbHits", "PageCacheHits", "PageCacheMisses" and "Time"
// (nanoseconds), and `peak_memory` as the root's "GlobalMemory".
using ProfiledOps = std::unordered_map<const planner::LogicalOperator*, executor::OperatorProfile>;
std::shared_ptr<const PlanDescription> describe_plan(const planner::LogicalPlan& plan,
                                                     const ProfiledOps* profile = nullptr,
                                                     uint64_t peak_memory = 0);

}  // namespace quiver::main
