#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_update.h"

namespace quiver::executor {

class PhysicalCreate final : public PhysicalOperator {
public:
    explicit PhysicalCreate(const planner::LogicalCreate& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

private:
    const planner::LogicalCreate& op_;
};

class PhysicalSet final : public PhysicalOperator {
public:
    explicit PhysicalSet(const planner::LogicalSet& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

private:
    const planner::LogicalSet& op_;
};

class PhysicalRemove final : public PhysicalOperator {
public:
    explicit PhysicalRemove(const planner::LogicalRemove& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

private:
    const planner::LogicalRemove& op_;
};

class PhysicalDelete final : public PhysicalOperator {
public:
    explicit PhysicalDelete(const planner::LogicalDelete& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

private:
    void delete_value(ExecutionContext& ctx, const Value& v) const;
    const planner::LogicalDelete& op_;
};

// End of statement: applies DELETEs that waited for their node's relationships to go, and
// raises ConstraintValidationFailed for any node that still has some.
void finish_statement(ExecutionContext& ctx);

}  // namespace quiver::executor
