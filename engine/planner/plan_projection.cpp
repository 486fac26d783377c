// WITH / RETURN planning: Aggregate or Projection, Distinct, Sort/Skip/Limit, Filter,
// ProduceResults.
#include "planner/logical_aggregate.h"
#include "planner/logical_distinct.h"
#include "planner/logical_limit.h"
#include "planner/logical_order.h"
#include "planner/logical_projection.h"
#include "planner/planner_internal.h"

namespace quiver::planner {

void Planner::plan_projection(binder::BoundProjectionClause& p) {
    if (p.aggregating) {
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
