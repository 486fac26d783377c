// quiver::planner — the logical plan: a tree of Logical* operators (one header per family).
//
// Every operator reads rows from its children (children[0] is the input of unary operators)
// and writes variables into row slots numbered by VarId. Leaves are LogicalArgument (one empty
// row, or the outer row later for subqueries). A NodeScan has an input too: it produces, for
// each input row, one row per matching node (a nested-loop "apply"), so comma-separated
// patterns and patterns that follow other clauses need no separate join operator.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "binder/bound_statement.h"

namespace quiver::planner {

using binder::BoundExprPtr;
using binder::BoundExpression;
using binder::VarId;

enum class LogicalOpKind : uint8_t {
    Argument,
    NodeScan,
    Expand,
    Filter,
    Projection,
    Unwind,
    Aggregate,
    Sort,
    Top,
    Skip,
    Limit,
    Distinct,
    Create,
    Set,
    Remove,
    Delete,
    Eager,
    Optional,
    ProcedureCall,
    Union,
    Merge,
    VarExpand,
    ShortestPath,
    SubqueryCall,
    Foreach,
    RelByIdSeek,
    ProduceResults,
    RelIndexSeek,
};

struct LogicalOperator {
    LogicalOpKind kind;
    std::vector<std::unique_ptr<LogicalOperator>> children;
    double cardinality = 1;  // planner estimate of output rows

    explicit LogicalOperator(LogicalOpKind k) : kind(k) {}
    virtual ~LogicalOperator() = default;
    virtual std::string describe() const = 0;  // one line: name and parameters

    LogicalOperator* input() const { return children.empty() ? nullptr : children[0].get(); }
};
using LogicalOpPtr = std::unique_ptr<LogicalOperator>;

// One index as the planner sees it.
struct IndexStatistics {
    std::string name;
    std::string type;  // RANGE, TEXT or POINT
    std::string label, property;     // property: single-key indexes
    std::vector<std::string> keys;   // composite (range) indexes: every key, in order
    double entries = 0;
};

// The statistics the planner reads (implemented by main/ over the store's counts).
class PlannerStatistics {
public:
    virtual ~PlannerStatistics() = default;
    virtual std::vector<IndexStatistics> indexes() const { return {}; }
    virtual double node_count() const = 0;
    virtual double label_count(const std::string& label) const = 0;  // 0 for unknown labels
    virtual double rel_count() const = 0;
    virtual double rel_type_count(const std::string& type) const = 0;
    // Estimated entries per distinct value of the named index (1 for a uniqueness constraint's
    // index); 0 when unknown, then equality seeks fall back to cardinality::kEquality.
    virtual double index_rows_per_value(const std::string& index) const {
        (void)index;
        return 0;
    }
    // Whether a range index covers relationships of `type` by the single key `key`.
    virtual bool has_rel_index(const std::string& type, const std::string& key) const {
        (void)type;
        (void)key;
        return false;
    }
};

struct LogicalPlan {
    LogicalOpPtr root;
    std::vector<binder::VariableInfo> variables;  // row width = variables.size()
    std::vector<std::string> columns;
    std::vector<VarId> column_vars;
    std::vector<std::string> parameters;
    bool has_updates = false;
    bool has_schema_updates = false;  // BoundStatement::has_schema_updates
    std::vector<LogicalOpPtr> subplans;  // BoundStatement::subqueries, each over an Argument
};

// Multi-line EXPLAIN-style rendering, root first.
std::string explain(const LogicalOperator& root);

}  // namespace quiver::planner
