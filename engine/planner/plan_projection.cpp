// WITH / RETURN planning: Aggregate or Projection, Distinct, Sort/Skip/Limit, Filter,
// ProduceResults.
#include <algorithm>

#include "planner/logical_aggregate.h"
#include "planner/logical_distinct.h"
#include "planner/logical_limit.h"
#include "planner/logical_order.h"
#include "planner/logical_projection.h"
#include "planner/planner_internal.h"

namespace quiver::planner {

namespace {

// An aggregation's output that one item passes on unchanged and nothing else reads (`RETURN
// count(f)`: the item is the aggregate's variable under the column's name) is written under the
// item's variable directly, so no Projection copies it; Neo4j's plans have none there either.
void name_outputs_by_their_items(binder::BoundProjectionClause& p) {
    std::vector<VarId> read;  // every variable the clause's expressions read, with repeats
    for (const auto& it : p.items) it.expr->collect_variables(read);
    for (const auto& o : p.order_by) o.expr->collect_variables(read);
    for (const auto& w : p.where) w->collect_variables(read);
    if (p.skip) p.skip->collect_variables(read);
    if (p.limit) p.limit->collect_variables(read);
    auto rename = [&](binder::BoundProjectionItem& out) {
        if (std::count(read.begin(), read.end(), out.var) != 1) return;
        for (auto& it : p.items) {
            if (it.expr->kind != binder::BoundExprKind::Variable || it.expr->var != out.var) continue;
            if (it.var == binder::kNoVar || it.var == out.var) return;
            out.var = it.var;
            it.expr->var = it.var;  // now the identity: plan_projection skips it
            return;
        }
    };
    for (auto& k : p.group_keys) rename(k);
    for (auto& a : p.aggregates) rename(a);
}

}  // namespace

void Planner::plan_projection(binder::BoundProjectionClause& p) {
    if (p.aggregating) {
        name_outputs_by_their_items(p);
        auto agg = std::make_unique<LogicalAggregate>();
        for (auto& k : p.group_keys) {
            note_reads(*k.expr);
            agg->keys.emplace_back(std::move(k.expr), k.var);
        }
        for (auto& a : p.aggregates) {
            note_reads(*a.expr);
            agg->aggregates.emplace_back(std::move(a.expr), a.var);
        }
        card_ = agg->keys.empty() ? 1 : card_ / 2 + 1;
        push(std::move(agg));
    }
    auto proj = std::make_unique<LogicalProjection>();
    for (auto& it : p.items) {
        bound_.insert(it.var);
        if (it.expr->kind == binder::BoundExprKind::Variable && it.expr->var == it.var) continue;
        note_reads(*it.expr);
        proj->items.emplace_back(std::move(it.expr), it.var);
    }
    if (!proj->items.empty()) push(std::move(proj));
    if (p.distinct) {
        auto d = std::make_unique<LogicalDistinct>();
        for (const auto& it : p.items) d->vars.push_back(it.var);
        push(std::move(d));
    }
    if (!p.order_by.empty()) {
        auto s = std::make_unique<LogicalSort>();
        for (auto& o : p.order_by) {
            note_reads(*o.expr);
            s->keys.push_back(LogicalSortKey{std::move(o.expr), o.descending});
        }
        push(std::move(s));
    }
    if (p.skip) {
        auto s = std::make_unique<LogicalSkip>();
        s->count = std::move(p.skip);
        push(std::move(s));
    }
    if (p.limit) {
        auto l = std::make_unique<LogicalLimit>();
        l->count = std::move(p.limit);
        // Every update below happens even when LIMIT drops its rows (planner.h promise 2).
        l->exhaust_input = writes_pending_;
        push(std::move(l));
    }
    add_filter(std::move(p.where));
    if (p.is_return) {
        auto r = std::make_unique<LogicalProduceResults>();
        for (const auto& it : p.items) {
            r->columns.push_back(it.name);
            r->vars.push_back(it.var);
        }
        push(std::move(r));
    }
}

}  // namespace quiver::planner
