#include "planner/planner.h"

#include <algorithm>

#include "planner/logical_call.h"
#include "planner/logical_distinct.h"
#include "planner/logical_eager.h"
#include "planner/logical_projection.h"
#include "planner/logical_union.h"
#include "planner/logical_filter.h"
#include "planner/logical_scan.h"
#include "planner/planner_internal.h"

namespace quiver::planner {

void Planner::push(LogicalOpPtr op) {
    op->children.insert(op->children.begin(), std::move(root_));
    op->cardinality = card_;
    root_ = std::move(op);
}

void Planner::add_filter(std::vector<BoundExprPtr> preds) {
    if (preds.empty()) return;
    for (const auto& p : preds) note_reads(*p);
    auto f = std::make_unique<LogicalFilter>();
    f->predicates = std::move(preds);
    card_ = card_ * 0.5 + 1;
    push(std::move(f));
}

void Planner::note_reads(const BoundExpression& e) {
    using K = binder::BoundExprKind;
    if (e.kind == K::Property || e.kind == K::PropertiesMatch || e.kind == K::MapProjection)
        reads_.reads_properties = true;
    if (e.kind == K::LabelCheck) reads_.reads_labels = true;
    if (e.kind == K::ScalarCall) {
        std::string n = e.describe();
        if (n.rfind("labels(", 0) == 0) reads_.reads_labels = true;
        if (n.rfind("keys(", 0) == 0 || n.rfind("properties(", 0) == 0) reads_.reads_properties = true;
    }
    for (const auto& c : e.children) note_reads(*c);
}

void Planner::eager_if(bool conflict, const std::string& reason) {
    if (!conflict) return;
    auto e = std::make_unique<LogicalEager>();
    e->reason = reason;
    push(std::move(e));
    reads_ = ReadFootprint{};
    writes_pending_ = false;
}

// The relationship variables a MATCH clause's patterns name.
std::set<VarId> Planner::rel_vars(const binder::BoundMatchClause& m) {
    std::set<VarId> out;
    for (const auto& part : m.parts)
        for (const auto& r : part.rels) out.insert(r.var);
    return out;
}

// Reads after writes see every write of the earlier clauses (promise 2).
void Planner::before_read() { eager_if(writes_pending_, "reads after writes"); }

void Planner::plan_clauses(std::vector<binder::BoundClausePtr>& clauses) {
    using K = binder::BoundClauseKind;
    for (size_t i = 0; i < clauses.size(); ++i) {
        auto& c = clauses[i];
        // consecutive plain MATCH clauses are planned together (plan_match_group)
        if (c->kind == K::Match && !static_cast<binder::BoundMatchClause&>(*c).optional) {
            std::vector<binder::BoundMatchClause*> group = {&static_cast<binder::BoundMatchClause&>(*c)};
            std::set<VarId> rels = rel_vars(*group.back());
            while (i + 1 < clauses.size() && clauses[i + 1]->kind == K::Match) {
                auto& next = static_cast<binder::BoundMatchClause&>(*clauses[i + 1]);
                std::set<VarId> nr = rel_vars(next);
                bool shared = std::any_of(nr.begin(), nr.end(), [&](VarId v) { return rels.count(v) > 0; });
                if (next.optional || shared) break;
                rels.insert(nr.begin(), nr.end());
                group.push_back(&next);
                ++i;
            }
            if (group.size() > 1) {
                before_read();
                plan_match_group(group);
                continue;
            }
        }
        switch (c->kind) {
            case K::Match: plan_match(static_cast<binder::BoundMatchClause&>(*c)); break;
            case K::Unwind: plan_unwind(static_cast<binder::BoundUnwindClause&>(*c)); break;
            case K::Projection:
                plan_projection(static_cast<binder::BoundProjectionClause&>(*c));
                break;
            case K::Create: plan_create(static_cast<binder::BoundCreateClause&>(*c)); break;
            case K::Set: plan_set(static_cast<binder::BoundSetClause&>(*c)); break;
            case K::Remove: plan_remove(static_cast<binder::BoundRemoveClause&>(*c)); break;
            case K::Delete: plan_delete(static_cast<binder::BoundDeleteClause&>(*c)); break;
            case K::Merge: plan_merge(static_cast<binder::BoundMergeClause&>(*c)); break;
            case K::Call: plan_call(static_cast<binder::BoundCallClause&>(*c)); break;
            case K::CallSubquery:
                plan_call_subquery(static_cast<binder::BoundCallSubqueryClause&>(*c));
                break;
            case K::Foreach: plan_foreach(static_cast<binder::BoundForeachClause&>(*c)); break;
        }
    }
}

void Planner::plan_call(binder::BoundCallClause& c) {
    before_read();
    auto op = std::make_unique<LogicalProcedureCall>();
    op->procedure = c.procedure;
    for (auto& a : c.args) note_reads(*a);
    op->args = std::move(c.args);
    op->yields = std::move(c.yields);
    op->predicates = std::move(c.predicates);
    for (const auto& [idx, v] : op->yields) bound_.insert(v);
    reads_.any_scan = true;
    reads_.all_nodes = true;
    card_ *= 10;
    push(std::move(op));
    if (!st_.column_vars.empty() && st_.clauses.size() == 1) {
        auto r = std::make_unique<LogicalProduceResults>();
        r->columns = st_.columns;
        r->vars = st_.column_vars;
        push(std::move(r));
    }
}

// Each branch ends in a projection onto the statement's column variables.
void Planner::plan_union() {
    auto u = std::make_unique<LogicalUnion>();
    double card = 0;
    for (auto& b : st_.union_branches) {
        root_ = std::make_unique<LogicalArgument>();
        bound_.clear();
        card_ = 1;
        plan_clauses(b.clauses);
        auto proj = std::make_unique<LogicalProjection>();
        for (size_t i = 0; i < b.column_vars.size(); ++i)
            proj->items.emplace_back(
                binder::make_variable(b.column_vars[i], binder::StaticType::Any),
                st_.column_vars[i]);
        push(std::move(proj));
        card += card_;
        u->children.push_back(std::move(root_));
    }
    card_ = card;
    u->cardinality = card;
    root_ = std::move(u);
    if (st_.union_distinct) {
        auto d = std::make_unique<LogicalDistinct>();
        d->vars = st_.column_vars;
        push(std::move(d));
    }
    auto r = std::make_unique<LogicalProduceResults>();
    r->columns = st_.columns;
    r->vars = st_.column_vars;
    push(std::move(r));
}

// Each subquery is planned from an Argument carrying the outer row; its reads count for the
// Eager analysis of the statement.
std::vector<LogicalOpPtr> Planner::plan_subqueries() {
    std::vector<LogicalOpPtr> out;
    for (auto& sub : st_.subqueries) {
        LogicalOpPtr saved_root = std::move(root_);
        std::set<VarId> saved_bound = bound_;
        double saved_card = card_;
        bool saved_writes = writes_pending_;
        ReadFootprint saved_reads = reads_;
        root_ = std::make_unique<LogicalArgument>();
        bound_ = std::set<VarId>(sub.outer_vars.begin(), sub.outer_vars.end());
        writes_pending_ = false;
        card_ = 1;
        plan_clauses(sub.clauses);
        out.push_back(std::move(root_));
        saved_reads.merge(reads_);
        reads_ = saved_reads;
        root_ = std::move(saved_root);
        bound_ = std::move(saved_bound);
        card_ = saved_card;
        writes_pending_ = saved_writes;
    }
    return out;
}

LogicalPlan Planner::run() {
    std::vector<LogicalOpPtr> subplans = plan_subqueries();
    reads_ = ReadFootprint{};
    root_ = std::make_unique<LogicalArgument>();
    if (st_.union_branches.empty())
        plan_clauses(st_.clauses);
    else
        plan_union();
    LogicalPlan plan;
    plan.root = std::move(root_);
    plan.variables = std::move(st_.variables);
    plan.columns = std::move(st_.columns);
    plan.column_vars = std::move(st_.column_vars);
    plan.parameters = std::move(st_.parameters);
    plan.has_updates = st_.has_updates;
    plan.has_schema_updates = st_.has_schema_updates;
    plan.subplans = std::move(subplans);
    return plan;
}

LogicalPlan plan_statement(binder::BoundStatement&& statement, const PlannerStatistics& stats) {
    binder::BoundStatement st = std::move(statement);
    Planner p(st, stats);
    return p.run();
}

}  // namespace quiver::planner
