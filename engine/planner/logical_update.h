#pragma once

#include "planner/logical_operator.h"

namespace quiver::planner {

// CREATE: per input row, creates nodes (is_new) then relationships, binding their variables.
struct LogicalCreate final : LogicalOperator {
    LogicalCreate() : LogicalOperator(LogicalOpKind::Create) {}
    std::vector<binder::BoundCreateNode> nodes;
    std::vector<binder::BoundCreateRel> rels;
    std::vector<std::pair<VarId, std::vector<VarId>>> paths;
    std::string describe() const override;
};

struct LogicalSet final : LogicalOperator {
    LogicalSet() : LogicalOperator(LogicalOpKind::Set) {}
    std::vector<binder::BoundSetItem> items;
    std::string describe() const override;
};

struct LogicalRemove final : LogicalOperator {
    LogicalRemove() : LogicalOperator(LogicalOpKind::Remove) {}
    std::vector<binder::BoundRemoveItem> items;
    std::string describe() const override;
};

struct LogicalDelete final : LogicalOperator {
    LogicalDelete() : LogicalOperator(LogicalOpKind::Delete) {}
    bool detach = false;
    std::vector<BoundExprPtr> targets;
    std::string describe() const override;
};

}  // namespace quiver::planner
