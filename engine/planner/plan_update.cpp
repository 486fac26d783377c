// CREATE / SET / REMOVE / DELETE planning, with the Eager placement of planner.h promise 2.
#include "planner/logical_update.h"
#include "planner/planner_internal.h"

namespace quiver::planner {

namespace {
bool reads_properties(const BoundExpression* e) {
    if (!e) return false;
    using K = binder::BoundExprKind;
    if (e->kind == K::Property || e->kind == K::PropertiesMatch || e->kind == K::MapProjection ||
        e->kind == K::ScalarCall)
        return true;
    for (const auto& c : e->children)
        if (reads_properties(c.get())) return true;
    return false;
}
}  // namespace

bool Planner::create_conflicts(const binder::BoundCreateClause& c) const {
    bool conflict = false;
    for (const auto& n : c.nodes) {
        if (!n.is_new) continue;
        if (reads_.all_nodes) conflict = true;
        for (const auto& l : n.labels)
            if (reads_.labels.count(l)) conflict = true;
    }
    for (const auto& r : c.rels)
        if (reads_.all_rel_types || reads_.rel_types.count(r.type)) conflict = true;
    return conflict;
}

void Planner::plan_create(binder::BoundCreateClause& c) {
    eager_if(create_conflicts(c), "CREATE after a read it could affect");
    auto op = std::make_unique<LogicalCreate>();
    for (auto& n : c.nodes) {
        bound_.insert(n.var);
        if (n.properties) note_reads(*n.properties);
    }
    for (auto& r : c.rels) {
        bound_.insert(r.var);
        if (r.properties) note_reads(*r.properties);
    }
    for (auto& p : c.paths) bound_.insert(p.first);
    op->nodes = std::move(c.nodes);
    op->rels = std::move(c.rels);
    op->paths = std::move(c.paths);
    push(std::move(op));
    writes_pending_ = true;
}

void Planner::plan_set(binder::BoundSetClause& s) {
    bool conflict = false;
    for (const auto& it : s.items) {
        if (it.kind == binder::BoundSetKind::Labels) {
            if (reads_.reads_labels) conflict = true;
            for (const auto& l : it.labels)
                if (reads_.labels.count(l)) conflict = true;
        } else if (reads_.any_scan && (reads_.reads_properties || reads_properties(it.value.get()))) {
            conflict = true;
        }
    }
    eager_if(conflict, "SET after a read it could affect");
    auto op = std::make_unique<LogicalSet>();
    op->items = std::move(s.items);
    push(std::move(op));
    writes_pending_ = true;
}

void Planner::plan_remove(binder::BoundRemoveClause& r) {
    bool conflict = false;
    for (const auto& it : r.items) {
        if (!it.labels.empty()) {
            if (reads_.reads_labels) conflict = true;
            for (const auto& l : it.labels)
                if (reads_.labels.count(l)) conflict = true;
        } else if (reads_.any_scan && reads_.reads_properties) {
            conflict = true;
        }
    }
    eager_if(conflict, "REMOVE after a read it could affect");
    auto op = std::make_unique<LogicalRemove>();
    op->items = std::move(r.items);
    push(std::move(op));
    writes_pending_ = true;
}

void Planner::plan_delete(binder::BoundDeleteClause& d) {
    eager_if(reads_.any_scan, "DELETE after a read it could affect");
    auto op = std::make_unique<LogicalDelete>();
    op->detach = d.detach;
    op->targets = std::move(d.targets);
    push(std::move(op));
    writes_pending_ = true;
}

}  // namespace quiver::planner
