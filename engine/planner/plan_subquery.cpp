// CALL { } subqueries and FOREACH: an operator with the outer plan as children[0] and the inner
// plan (over an Argument that carries the outer row) as children[1].
#include <algorithm>

#include "planner/logical_distinct.h"
#include "planner/logical_eager.h"
#include "planner/logical_projection.h"
#include "planner/logical_scan.h"
#include "planner/logical_subquery.h"
#include "planner/logical_union.h"
#include "planner/planner_internal.h"

namespace quiver::planner {

// Plans `clauses` as a separate plan over an Argument that sees `visible`. The inner reads count
// for the Eager analysis of what follows; the inner writes are analysed among themselves only
// (the caller puts an Eager before the subquery when the outer reads could see them).
LogicalOpPtr Planner::plan_inner(std::vector<binder::BoundClausePtr>& clauses,
                                 const std::vector<VarId>& visible, bool& wrote) {
    LogicalOpPtr saved_root = std::move(root_);
    std::set<VarId> saved_bound = bound_;
    double saved_card = card_;
    bool saved_writes = writes_pending_;
    ReadFootprint saved_reads = reads_;
    root_ = std::make_unique<LogicalArgument>();
    bound_ = std::set<VarId>(visible.begin(), visible.end());
    writes_pending_ = false;
    reads_ = ReadFootprint{};
    card_ = 1;
    plan_clauses(clauses);
    // The inner RETURN is not the statement's result.
    if (root_->kind == LogicalOpKind::ProduceResults) root_ = std::move(root_->children[0]);
    LogicalOpPtr inner = std::move(root_);
    inner->cardinality = card_;
    wrote = writes_pending_;
    saved_reads.merge(reads_);
    reads_ = saved_reads;
    root_ = std::move(saved_root);
    bound_ = std::move(saved_bound);
    card_ = saved_card;
    writes_pending_ = saved_writes;
    return inner;
}

void Planner::plan_call_subquery(binder::BoundCallSubqueryClause& c) {
    before_read();
    // Rows of the outer reads are produced before the subquery may change what they read; a
    // batch commit must not happen under an open outer cursor either.
    eager_if(reads_.any_scan && (c.writes || c.in_transactions),
             c.in_transactions ? "CALL IN TRANSACTIONS after a read" : "subquery writes after a read");
    const double outer_card = card_;
    std::vector<LogicalOpPtr> branches;
    double inner_card = 0;
    for (auto& b : c.branches) {
        bool wrote = false;
        LogicalOpPtr inner = plan_inner(b.clauses, c.imported, wrote);
        if (!c.unit) {
            // The columns move into the returned variables: a final Projection writes them
            // directly, other columns get a Projection of their own.
            LogicalProjection* last = inner->kind == LogicalOpKind::Projection
                                          ? static_cast<LogicalProjection*>(inner.get())
                                          : nullptr;
            auto proj = std::make_unique<LogicalProjection>();
            for (size_t i = 0; i < b.column_vars.size(); ++i) {
                bool moved = false;
                if (last)
                    for (auto& item : last->items)
                        if (item.second == b.column_vars[i] && !moved) {
                            item.second = c.return_vars[i];
                            moved = true;
                        }
                if (!moved)
                    proj->items.emplace_back(
                        binder::make_variable(b.column_vars[i], binder::StaticType::Any),
                        c.return_vars[i]);
            }
            if (!proj->items.empty()) {
                proj->cardinality = inner->cardinality;
                proj->children.push_back(std::move(inner));
                inner = std::move(proj);
            }
        }
        inner_card += inner->cardinality;
        branches.push_back(std::move(inner));
    }
    LogicalOpPtr inner;
    if (branches.size() == 1) {
        inner = std::move(branches[0]);
    } else {
        auto u = std::make_unique<LogicalUnion>();
        u->children = std::move(branches);
        u->cardinality = inner_card;
        inner = std::move(u);
        if (c.union_distinct) {
            auto d = std::make_unique<LogicalDistinct>();
            d->vars = c.return_vars;
            d->cardinality = inner_card;
            d->children.push_back(std::move(inner));
            inner = std::move(d);
        }
    }
    auto op = std::make_unique<LogicalSubqueryCall>();
    op->unit = c.unit;
    op->optional = c.optional;
    op->return_vars = c.return_vars;
    op->in_transactions = c.in_transactions;
    op->batch_size = std::move(c.batch_size);
    op->concurrent = c.concurrent;
    op->concurrency = std::move(c.concurrency);
    op->on_error = c.on_error;
    op->status_var = c.status_var;
    op->children.push_back(std::move(inner));
    if (!c.unit) card_ = outer_card * (inner_card < 1 && !c.optional ? inner_card : std::max(1.0, inner_card));
    push(std::move(op));  // the outer plan becomes children[0]
    for (VarId v : c.return_vars) bound_.insert(v);
    if (c.status_var != binder::kNoVar) bound_.insert(c.status_var);
    if (c.writes) writes_pending_ = true;
}

void Planner::plan_foreach(binder::BoundForeachClause& f) {
    note_reads(*f.list);
    eager_if(reads_.any_scan, "FOREACH writes after a read");
    std::vector<VarId> visible(bound_.begin(), bound_.end());
    visible.push_back(f.var);
    bool wrote = false;
    auto op = std::make_unique<LogicalForeach>();
    op->list = std::move(f.list);
    op->var = f.var;
    op->children.push_back(plan_inner(f.clauses, visible, wrote));
    push(std::move(op));
    writes_pending_ = true;
}

}  // namespace quiver::planner
