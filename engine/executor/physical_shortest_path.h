#pragma once

#include "executor/physical_operator.h"
#include "planner/logical_expand.h"

namespace quiver::executor {

struct FoundPath;

// shortestPath / allShortestPaths between the two bound end nodes of each input row: a
// bidirectional BFS, or, when predicates constrain the path, a search by increasing length
// that keeps the shortest paths satisfying them.
class PhysicalShortestPath final : public PhysicalOperator {
public:
    explicit PhysicalShortestPath(const planner::LogicalShortestPath& op) : op_(op) {}
    bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const override;
    std::string describe() const override { return op_.describe(); }

protected:
    std::unique_ptr<OperatorState> make_state(ExecutionContext&) const override;
    bool reset_state(OperatorState& st) const override;

private:
    void write(const FoundPath& p, Row& row) const;
    const planner::LogicalShortestPath& op_;
};

}  // namespace quiver::executor
