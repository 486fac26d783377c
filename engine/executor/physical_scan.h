#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_scan.h"

namespace quiver::executor {

// One row (the initial, all-null row) then end.
class PhysicalArgument final : public PhysicalOperator {
public:
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return "Argument"; }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;
};

// For each input row, one row per node (of the label), predicates applied.
class PhysicalNodeScan final : public PhysicalOperator {
public:
    explicit PhysicalNodeScan(const planner::LogicalNodeScan& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;

private:
    const planner::LogicalNodeScan& op_;
};

// For each input row, one row per relationship with the seeked id(s), endpoints bound.
class PhysicalRelByIdSeek final : public PhysicalOperator {
public:
    explicit PhysicalRelByIdSeek(const planner::LogicalRelByIdSeek& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;

private:
    const planner::LogicalRelByIdSeek& op_;
};

// For each input row, the relationships a relationship index seek finds (both orientations
// when undirected); without the index at run time, every relationship of the type.
class PhysicalRelIndexSeek final : public PhysicalOperator {
public:
    explicit PhysicalRelIndexSeek(const planner::LogicalRelIndexSeek& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;

private:
    const planner::LogicalRelIndexSeek& op_;
};

}  // namespace quiver::executor
