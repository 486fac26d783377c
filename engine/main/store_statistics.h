// quiver::main — the planner's statistics over one transaction's counts. It remembers every
// count the planner read, so a cached plan can later tell whether those counts have moved a lot
// since it was planned (PlanCache replans it then, as Neo4j does on statistics divergence).
#pragma once

#include <string>
#include <vector>

#include "planner/logical_operator.h"

namespace quiver::storage {
class GraphTxn;
}

namespace quiver::main {

// One count the planner read: all nodes, all relationships, nodes of a label, relationships of
// a type.
struct CountRead {
    enum class Kind : uint8_t { Nodes, Rels, Label, RelType };
    Kind kind;
    std::string name;  // label or type (empty for Nodes/Rels)
    double value = 0;
};

// The current value of that count in `txn`.
double read_count(const CountRead& c, storage::GraphTxn& txn);

class StoreStatistics final : public planner::PlannerStatistics {
public:
    explicit StoreStatistics(storage::GraphTxn& txn) : txn_(txn) {}
    double node_count() const override;
    double label_count(const std::string& label) const override;
    double rel_count() const override;
    double rel_type_count(const std::string& type) const override;
    std::vector<planner::IndexStatistics> indexes() const override;
    bool has_rel_index(const std::string& type, const std::string& key) const override;
    double index_rows_per_value(const std::string& index) const override;

    // Every distinct count read so far, with the value it had.
    const std::vector<CountRead>& reads() const { return reads_; }

private:
    double count(CountRead::Kind kind, const std::string& name) const;
    storage::GraphTxn& txn_;
    mutable std::vector<CountRead> reads_;  // statistics object of one planning, not of a plan
};

}  // namespace quiver::main
