// Private to engine/planner: the Planner state shared by the per-clause planning files.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "planner/logical_operator.h"

namespace quiver::planner {

struct LogicalVarExpand;

// What the reads since the last Eager may observe (promise 2 of planner.h).
struct ReadFootprint {
    bool any_scan = false;  // any node scan or expand
    bool all_nodes = false;
    std::set<std::string> labels;
    bool all_rel_types = false;
    std::set<std::string> rel_types;
    bool reads_properties = false;
    bool reads_labels = false;
    void merge(const ReadFootprint& o) {
        any_scan = any_scan || o.any_scan;
        all_nodes = all_nodes || o.all_nodes;
        labels.insert(o.labels.begin(), o.labels.end());
        all_rel_types = all_rel_types || o.all_rel_types;
        rel_types.insert(o.rel_types.begin(), o.rel_types.end());
        reads_properties = reads_properties || o.reads_properties;
        reads_labels = reads_labels || o.reads_labels;
    }
};

class Planner {
public:
    Planner(binder::BoundStatement& st, const PlannerStatistics& stats) : st_(st), stats_(stats) {}
    LogicalPlan run();

private:
    void plan_clauses(std::vector<binder::BoundClausePtr>& clauses);
    void plan_union();
    std::vector<LogicalOpPtr> plan_subqueries();
    // plan_match.cpp
    void plan_match(binder::BoundMatchClause& m);
    void plan_match_body(binder::BoundMatchClause& m);
    void plan_match_group(const std::vector<binder::BoundMatchClause*>& ms);
    static std::set<VarId> rel_vars(const binder::BoundMatchClause& m);
    void plan_unwind(binder::BoundUnwindClause& u);
    // plan_shortest_path.cpp
    void plan_shortest_path(binder::BoundPatternPart& part, std::vector<BoundExprPtr> on_path);
    void quantified_step(LogicalVarExpand& x, std::shared_ptr<binder::BoundQuantifiedStep> step);
    // plan_projection.cpp
    void plan_projection(binder::BoundProjectionClause& p);
    // plan_update.cpp
    void plan_create(binder::BoundCreateClause& c);
    bool create_conflicts(const binder::BoundCreateClause& c) const;
    void plan_merge(binder::BoundMergeClause& m);
    void plan_call(binder::BoundCallClause& c);
    // plan_subquery.cpp
    void plan_call_subquery(binder::BoundCallSubqueryClause& c);
    void plan_foreach(binder::BoundForeachClause& f);
    LogicalOpPtr plan_inner(std::vector<binder::BoundClausePtr>& clauses,
                            const std::vector<VarId>& imported, bool& wrote);
    void plan_set(binder::BoundSetClause& s);
    void plan_remove(binder::BoundRemoveClause& r);
    void plan_delete(binder::BoundDeleteClause& d);
    void eager_if(bool conflict, const std::string& reason);
    void before_read();

    // helpers
    void push(LogicalOpPtr op);  // op becomes the new root with the old root as its input
    void add_filter(std::vector<BoundExprPtr> preds);
    void note_reads(const BoundExpression& e);

    binder::BoundStatement& st_;
    const PlannerStatistics& stats_;
    LogicalOpPtr root_;
    std::set<VarId> bound_;
    ReadFootprint reads_;
    bool writes_pending_ = false;  // writes since the last Eager
    double card_ = 1;
};

}  // namespace quiver::planner
