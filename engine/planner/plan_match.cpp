// MATCH planning: choose start nodes by estimated rows (index seeks and id seeks included,
// planner/index_selection.cpp), expand from bound nodes, attach each predicate as soon as its
// variables are bound. Also UNWIND.
#include <algorithm>
#include <limits>
#include <map>

#include "function/function.h"
#include "planner/logical_expand.h"
#include "planner/logical_merge.h"
#include "planner/logical_optional.h"
#include "planner/logical_projection.h"
#include "planner/logical_scan.h"
#include "planner/index_selection.h"
#include "planner/logical_unwind.h"
#include "planner/planner_internal.h"

namespace quiver::planner {

using binder::BoundExprKind;
using binder::StaticType;

namespace {

struct NodeInfo {
    VarId var;
    std::vector<std::string> labels;
    bool has_properties = false;
    const binder::BoundHint* hint = nullptr;  // USING INDEX / USING SCAN on this node
};

struct Edge {
    VarId rel, a, b;  // pattern order: a -[rel]- b
    parser::PatternDirection dir;
    std::vector<std::string> types;
    bool done = false;
    bool var_length = false;
    int64_t min_hops = 1, max_hops = -1;
    BoundExprPtr properties;  // var-length only: checked per relationship
    std::shared_ptr<binder::BoundQuantifiedStep> step;  // quantified path pattern
    size_t group = 0;         // which MATCH clause of a planned group (uniqueness scope)
    const binder::BoundHint* hint = nullptr;  // USING INDEX on this relationship
};

struct Pending {
    BoundExprPtr expr;
    std::vector<VarId> vars;
};

BoundExprPtr label_check(VarId v, const std::string& label) {
    auto e = std::make_unique<BoundExpression>(BoundExprKind::LabelCheck, SourcePosition{});
    e->type = StaticType::Bool;
    e->keys.push_back(label);
    e->children.push_back(binder::make_variable(v, StaticType::Node));
    return e;
}

// Inline property maps become predicates: {k: e} => v.k = e; a parameter map => PropertiesMatch.
void property_predicates(VarId v, StaticType t, BoundExprPtr props, std::vector<BoundExprPtr>& out) {
    if (!props) return;
    if (props->kind == BoundExprKind::Map) {
        for (size_t i = 0; i < props->keys.size(); ++i) {
            auto p = std::make_unique<BoundExpression>(BoundExprKind::Property, props->pos);
            p->name = props->keys[i];
            p->children.push_back(binder::make_variable(v, t));
            auto eq = binder::make_binary(parser::BinaryOp::Eq, std::move(p), std::move(props->children[i]));
            eq->type = StaticType::Bool;
            out.push_back(std::move(eq));
        }
        return;
    }
    auto m = std::make_unique<BoundExpression>(BoundExprKind::PropertiesMatch, props->pos);
    m->type = StaticType::Bool;
    m->children.push_back(binder::make_variable(v, t));
    m->children.push_back(std::move(props));
    out.push_back(std::move(m));
}

ExpandDirection expand_dir(parser::PatternDirection d, bool from_a) {
    if (d == parser::PatternDirection::Both) return ExpandDirection::Both;
    bool out = d == parser::PatternDirection::Right;
    if (!from_a) out = !out;
    return out ? ExpandDirection::Outgoing : ExpandDirection::Incoming;
}

}  // namespace

void Planner::plan_match(binder::BoundMatchClause& m) {
    before_read();
    if (!m.optional) {
        plan_match_body(m);
        return;
    }
    // OPTIONAL MATCH: plan the pattern (and its WHERE) over an Argument that carries the
    // outer row, then null-pad rows for which it finds nothing.
    LogicalOpPtr outer = std::move(root_);
    std::set<VarId> outer_bound = bound_;
    double outer_card = card_;
    root_ = std::make_unique<LogicalArgument>();
    plan_match_body(m);
    auto opt = std::make_unique<LogicalOptional>();
    for (VarId v : bound_)
        if (!outer_bound.count(v)) opt->null_vars.push_back(v);
    opt->children.push_back(std::move(outer));
    opt->children.push_back(std::move(root_));
    card_ = std::max(card_, outer_card);
    opt->cardinality = card_;
    root_ = std::move(opt);
}

void Planner::plan_merge(binder::BoundMergeClause& m) {
    before_read();
    // Rows of earlier clauses must not see what this MERGE creates.
    eager_if(create_conflicts(*m.create), "MERGE after a read it could affect");
    LogicalOpPtr outer = std::move(root_);
    std::set<VarId> outer_bound = bound_;
    double outer_card = card_;
    // An Eager inside a branch forgets reads; the reads of the query so far still count.
    ReadFootprint reads = reads_;
    root_ = std::make_unique<LogicalArgument>();
    plan_match_body(*m.match);
    if (m.on_match) plan_set(*m.on_match);
    LogicalOpPtr match_plan = std::move(root_);
    std::set<VarId> matched_bound = bound_;
    reads.merge(reads_);
    bound_ = outer_bound;
    root_ = std::make_unique<LogicalArgument>();
    plan_create(*m.create);
    if (m.on_create) plan_set(*m.on_create);
    LogicalOpPtr create_plan = std::move(root_);
    reads.merge(reads_);
    reads_ = reads;
    for (VarId v : matched_bound) bound_.insert(v);
    auto op = std::make_unique<LogicalMerge>();
    for (auto& [what, e] : m.null_checks) {
        note_reads(*e);
        op->null_checks.emplace_back(what, std::move(e));
    }
    op->children.push_back(std::move(outer));
    op->children.push_back(std::move(match_plan));
    op->children.push_back(std::move(create_plan));
    card_ = std::max(outer_card, card_);
    op->cardinality = card_;
    root_ = std::move(op);
    writes_pending_ = true;
}

void Planner::plan_match_body(binder::BoundMatchClause& m) {
    std::vector<binder::BoundMatchClause*> one = {&m};
    plan_match_group(one);
}

// Consecutive MATCH clauses are one join problem: the start node is the cheapest of all of
// them and expansions follow connections across clauses before any cartesian product;
// relationship uniqueness stays per clause (Edge::group).
void Planner::plan_match_group(const std::vector<binder::BoundMatchClause*>& ms) {
    // 1. Collect nodes, edges and predicates of the whole clause.
    std::vector<NodeInfo> nodes;
    std::vector<Edge> edges;
    std::vector<BoundExprPtr> preds;
    auto node_info = [&](VarId v) -> NodeInfo& {
        for (auto& n : nodes)
            if (n.var == v) return n;
        nodes.push_back(NodeInfo{v, {}, false});
        return nodes.back();
    };
    std::vector<std::pair<VarId, std::vector<VarId>>> paths;
    for (size_t g = 0; g < ms.size(); ++g)
    for (auto& part : ms[g]->parts) {
        std::vector<VarId> seq;
        for (size_t i = 0; i < part.nodes.size(); ++i) {
            auto& n = part.nodes[i];
            NodeInfo& ni = node_info(n.var);
            for (const auto& l : n.labels)
                if (std::find(ni.labels.begin(), ni.labels.end(), l) == ni.labels.end())
                    ni.labels.push_back(l);
            if (n.properties) ni.has_properties = true;
            property_predicates(n.var, StaticType::Node, std::move(n.properties), preds);
            seq.push_back(n.var);
            if (i < part.rels.size() && part.shortest == binder::ShortestKind::None) {
                auto& r = part.rels[i];
                edges.push_back(Edge{r.var, n.var, part.nodes[i + 1].var, r.direction, r.types});
                edges.back().group = g;
                if (r.var_length) {
                    edges.back().var_length = true;
                    edges.back().min_hops = r.min_hops;
                    edges.back().max_hops = r.max_hops;
                    edges.back().properties = std::move(r.properties);
                    edges.back().step = r.step;
                } else {
                    property_predicates(r.var, StaticType::Relationship, std::move(r.properties),
                                        preds);
                }
                seq.push_back(r.var);
            }
        }
        if (part.path_var != binder::kNoVar && part.shortest == binder::ShortestKind::None)
            paths.emplace_back(part.path_var, std::move(seq));
    }
    for (auto* m : ms)
        for (auto& p : m->predicates) preds.push_back(std::move(p));

    std::vector<Pending> pending;
    for (auto& p : preds) {
        Pending pd;
        p->collect_variables(pd.vars);
        pd.expr = std::move(p);
        pending.push_back(std::move(pd));
    }
    // Labels of nodes bound before this clause are plain predicates.
    auto flush = [&]() {
        std::vector<BoundExprPtr> ready;
        for (auto& pd : pending) {
            if (!pd.expr) continue;
            bool ok = std::all_of(pd.vars.begin(), pd.vars.end(), [&](VarId v) { return bound_.count(v) > 0; });
            if (ok) ready.push_back(std::move(pd.expr));
        }
        add_filter(std::move(ready));
    };
    std::vector<std::vector<VarId>> rels_in(ms.size());

    // Label predicates for nodes that are (or become) bound without a label scan.
    auto add_label_checks = [&](VarId v, const std::string* skip) {
        for (const auto& l : node_info(v).labels) {
            if (skip && l == *skip) continue;
            Pending pd;
            pd.expr = label_check(v, l);
            pd.vars.push_back(v);
            pending.push_back(std::move(pd));
        }
    };
    for (auto& n : nodes) {
        if (!bound_.count(n.var)) continue;
        add_label_checks(n.var, nullptr);
        // A value of unknown type used as a node: a label check without labels is true for a
        // node, null (no row) for null and a TypeError for anything else.
        if (st_.variables[n.var].kind != binder::VarKind::Node) {
            Pending pd;
            pd.expr = std::make_unique<BoundExpression>(BoundExprKind::LabelCheck, SourcePosition{});
            pd.expr->type = StaticType::Bool;
            pd.expr->children.push_back(binder::make_variable(n.var, StaticType::Any));
            pd.vars.push_back(n.var);
            pending.push_back(std::move(pd));
        }
    }
    flush();

    // The access path (scan or seek) and its estimate for an unbound node, given the
    // predicates evaluable once it is bound (planner/index_selection.cpp).
    const std::vector<IndexStatistics> indexes = stats_.indexes();
    // Planner hints (binder/bind_hints.cpp): a hinted node is sought or scanned before any
    // expansion; a hinted relationship index is sought when an equality allows it. A hint
    // naming no index fails like Neo4j; scan hints on relationships and join hints change
    // nothing (docs/conformance.md).
    for (auto* m : ms)
        for (const auto& h : m->hints) {
            const std::string& name = st_.variables[h.var].name;
            if (h.relationship) {
                if (h.kind != binder::HintKind::Index) continue;
                if (h.properties.size() != 1) continue;  // composite: accepted, not used
                if (!stats_.has_rel_index(h.label, h.properties[0]))
                    throw_hinted_index_not_found(h, name);
                for (auto& e : edges)
                    if (e.rel == h.var) e.hint = &h;
                continue;
            }
            if (h.kind == binder::HintKind::Index && hinted_indexes(h, indexes).empty())
                throw_hinted_index_not_found(h, name);
            NodeInfo& ni = node_info(h.var);
            if (!ni.hint) ni.hint = &h;
            // the label may come from a WHERE label test: the access path may use it
            if (std::find(ni.labels.begin(), ni.labels.end(), h.label) == ni.labels.end())
                ni.labels.push_back(h.label);
        }
    auto access_for = [&](const NodeInfo& n) {
        std::vector<const BoundExpression*> preds_on;
        for (auto& pd : pending) {
            if (!pd.expr) continue;
            bool ok = std::all_of(pd.vars.begin(), pd.vars.end(),
                                  [&](VarId v) { return v == n.var || bound_.count(v) > 0; });
            if (ok) preds_on.push_back(pd.expr.get());
        }
        return choose_node_access(n.var, n.labels, preds_on, bound_, stats_, indexes, n.hint);
    };

    // A relationship index seek for an edge with both ends unbound and a predicate
    // `rel.key = <literal or parameter>` on a single type with a relationship index, when it is
    // expected to find fewer rows than the best node scan (node_estimate).
    auto rel_index_seek = [&](double node_estimate, bool hinted_only) {
        for (auto& e : edges) {
            if (e.done || e.var_length || e.types.size() != 1 || bound_.count(e.a) ||
                bound_.count(e.b) || bound_.count(e.rel) || e.a == e.b)
                continue;
            double est = stats_.rel_type_count(e.types[0]) / 10 + 1;
            if (hinted_only ? !e.hint : est >= node_estimate) continue;
            for (auto& pd : pending) {
                const BoundExpression* x = pd.expr.get();
                if (!x || x->kind != BoundExprKind::Binary || x->op != parser::BinaryOp::Eq ||
                    x->children.size() != 2)
                    continue;
                for (int side = 0; side < 2; ++side) {
                    const auto& p = *x->children[side];
                    const auto& c = *x->children[1 - side];
                    if (p.kind != BoundExprKind::Property || p.children.size() != 1 ||
                        p.children[0]->kind != BoundExprKind::Variable ||
                        p.children[0]->var != e.rel || !c.is_constant() ||
                        !stats_.has_rel_index(e.types[0], p.name) ||
                        (hinted_only && p.name != e.hint->properties[0]))
                        continue;
                    auto op = std::make_unique<LogicalRelIndexSeek>();
                    op->rel = e.rel;
                    op->directed = e.dir != parser::PatternDirection::Both;
                    bool left = e.dir == parser::PatternDirection::Left;
                    op->a = left ? e.b : e.a;
                    op->b = left ? e.a : e.b;
                    op->type = e.types[0];
                    op->key = p.name;
                    op->value = c.clone();
                    op->distinct_from = rels_in[e.group];
                    reads_.rel_types.insert(e.types[0]);
                    reads_.any_scan = true;
                    card_ = card_ * est * (op->directed ? 1 : 2);
                    op->cardinality = card_;
                    rels_in[e.group].push_back(e.rel);
                    e.done = true;
                    for (VarId v : {e.rel, e.a, e.b}) bound_.insert(v);
                    push(std::move(op));
                    add_label_checks(e.a, nullptr);
                    add_label_checks(e.b, nullptr);
                    flush();  // the equality itself stays as a filter: seeks re-check nothing else
                    return true;
                }
            }
        }
        return false;
    };

    // 2. Repeatedly expand from a bound node, or scan the most selective unbound node.
    for (;;) {
        NodeInfo* forced = nullptr;  // a hinted node still to start from
        for (auto& n : nodes)
            if (n.hint && !bound_.count(n.var)) {
                forced = &n;
                break;
            }
        if (!forced && rel_index_seek(0, true)) continue;
        Edge* pick = nullptr;
        bool pick_from_a = true;
        double pick_cost = std::numeric_limits<double>::max();
        for (auto& e : edges) {
            if (e.done || forced) continue;
            bool ba = bound_.count(e.a) > 0, bb = bound_.count(e.b) > 0;
            if (!ba && !bb) continue;
            double cost = stats_.rel_count();
            if (!e.types.empty()) {
                cost = 0;
                for (const auto& t : e.types) cost += stats_.rel_type_count(t);
            }
            if (ba && bb) cost = -1;  // expand-into first: it only filters
            if (cost < pick_cost) {
                pick_cost = cost;
                pick = &e;
                pick_from_a = ba;
            }
        }
        if (pick && pick->var_length) {
            auto x = std::make_unique<LogicalVarExpand>();
            x->from = pick_from_a ? pick->a : pick->b;
            x->to = pick_from_a ? pick->b : pick->a;
            x->rel = pick->rel;
            x->direction = expand_dir(pick->dir, pick_from_a);
            x->types = pick->types;
            x->min_hops = pick->min_hops;
            x->max_hops = pick->max_hops;
            x->reverse = !pick_from_a;
            x->into = bound_.count(x->to) > 0;
            x->rel_bound = bound_.count(x->rel) > 0;
            x->distinct_from = rels_in[pick->group];
            x->rel_properties = std::move(pick->properties);
            if (x->rel_properties) note_reads(*x->rel_properties);
            if (pick->step) quantified_step(*x, std::move(pick->step));
            for (const auto& t : pick->types) reads_.rel_types.insert(t);
            if (pick->types.empty()) reads_.all_rel_types = true;
            reads_.any_scan = true;
            bool to_new = !x->into;
            VarId to = x->to;
            rels_in[pick->group].push_back(x->rel);
            card_ = card_ * 4;
            pick->done = true;
            bound_.insert(x->rel);
            bound_.insert(to);
            push(std::move(x));
            if (to_new) add_label_checks(to, nullptr);
            flush();
            continue;
        }
        if (pick) {
            auto x = std::make_unique<LogicalExpand>();
            x->from = pick_from_a ? pick->a : pick->b;
            x->to = pick_from_a ? pick->b : pick->a;
            x->rel = pick->rel;
            x->direction = expand_dir(pick->dir, pick_from_a);
            x->types = pick->types;
            x->into = bound_.count(x->to) > 0;
            x->rel_bound = bound_.count(x->rel) > 0;
            x->distinct_from = rels_in[pick->group];
            for (const auto& t : pick->types) reads_.rel_types.insert(t);
            if (pick->types.empty()) reads_.all_rel_types = true;
            reads_.any_scan = true;
            double fan = stats_.node_count() > 0 ? std::max(1.0, (pick_cost < 0 ? 1 : pick_cost) / stats_.node_count()) : 1;
            card_ = x->into ? card_ : card_ * fan;
            bool to_new = !x->into;
            VarId to = x->to;
            rels_in[pick->group].push_back(x->rel);  // later expansions must differ from it, bound or not
            pick->done = true;
            bound_.insert(x->rel);
            bound_.insert(to);
            push(std::move(x));
            if (to_new) add_label_checks(to, nullptr);
            flush();
            continue;
        }
        // No expandable edge: scan or seek the cheapest unbound node.
        NodeInfo* best = nullptr;
        NodeAccess best_access;
        double best_est = std::numeric_limits<double>::max();
        double best_rows = 0;
        for (auto& n : nodes) {
            if (bound_.count(n.var) || (forced && &n != forced)) continue;
            NodeAccess a = access_for(n);
            if (a.estimate < best_est || (forced && !best)) {
                best_est = a.estimate;
                best_rows = a.rows;
                best = &n;
                best_access = std::move(a);
            }
        }
        // A directed relationship with a seekable id(r) may be cheaper still.
        Edge* rel_pick = nullptr;
        std::optional<RelIdSeek> rel_seek;
        if (!forced) {
            for (auto& e : edges) {
                if (!rels_in[e.group].empty() || e.done || e.var_length || e.dir == parser::PatternDirection::Both ||
                    e.a == e.b || bound_.count(e.a) || bound_.count(e.b) || bound_.count(e.rel))
                    continue;
                std::vector<const BoundExpression*> preds_on;
                for (auto& pd : pending) {
                    if (!pd.expr) continue;
                    if (std::all_of(pd.vars.begin(), pd.vars.end(),
                                    [&](VarId v) { return v == e.rel || bound_.count(v) > 0; }))
                        preds_on.push_back(pd.expr.get());
                }
                auto rs = choose_rel_id_seek(e.rel, preds_on, bound_);
                if (rs && rs->estimate < best_est) {
                    best_est = rs->estimate;
                    rel_pick = &e;
                    rel_seek = std::move(rs);
                }
            }
        }
        if (rel_pick) {
            auto r = std::make_unique<LogicalRelByIdSeek>();
            r->rel = rel_pick->rel;
            bool right = rel_pick->dir == parser::PatternDirection::Right;
            r->start = right ? rel_pick->a : rel_pick->b;
            r->end = right ? rel_pick->b : rel_pick->a;
            r->types = rel_pick->types;
            r->arg = std::move(rel_seek->arg);
            r->list = rel_seek->list;
            for (const auto& t : rel_pick->types) reads_.rel_types.insert(t);
            if (rel_pick->types.empty()) reads_.all_rel_types = true;
            reads_.any_scan = true;
            card_ = card_ * std::max(1.0, best_est);
            rel_pick->done = true;
            rels_in[rel_pick->group].push_back(r->rel);
            for (VarId v : {r->rel, r->start, r->end}) bound_.insert(v);
            VarId a = r->start, b = r->end;
            push(std::move(r));
            add_label_checks(a, nullptr);
            add_label_checks(b, nullptr);
            flush();
            continue;
        }
        if (!best) break;
        if (!forced && rel_index_seek(best_est, false)) continue;
        std::string best_label = best_access.label;
        auto s = std::make_unique<LogicalNodeScan>();
        s->var = best->var;
        s->seek = std::move(best_access.seek);
        if (!best_label.empty()) {
            s->label = best_label;
            reads_.labels.insert(best_label);
        } else {
            reads_.all_nodes = true;
        }
        if (s->seek.kind != SeekKind::None) reads_.reads_properties = true;
        reads_.any_scan = true;
        card_ = card_ * std::max(1.0, best_rows);
        bound_.insert(best->var);
        push(std::move(s));
        add_label_checks(best->var, best_label.empty() ? nullptr : &best_label);
        if (best_access.solved)  // the id seek answers its equality: no Filter re-checks it
            for (auto& pd : pending)
                if (pd.expr.get() == best_access.solved) pd.expr.reset();
        flush();
    }
    flush();
    // Shortest paths, once both end nodes are bound; predicates on their relationships or path
    // are part of the search.
    for (auto* m : ms)
    for (auto& part : m->parts) {
        if (part.shortest == binder::ShortestKind::None) continue;
        std::set<VarId> own{part.rels[0].var, part.path_var};
        std::vector<BoundExprPtr> on_path;
        for (auto& pd : pending) {
            if (!pd.expr) continue;
            bool mine = std::any_of(pd.vars.begin(), pd.vars.end(), [&](VarId v) { return own.count(v) > 0; });
            bool ready = std::all_of(pd.vars.begin(), pd.vars.end(), [&](VarId v) { return own.count(v) || bound_.count(v); });
            // A path selector's WHERE filters after selection (Neo4j 5 semantics).
            if (mine && ready && !part.selector) on_path.push_back(std::move(pd.expr));
        }
        plan_shortest_path(part, std::move(on_path));
        flush();
    }
    // 3. Named paths.
    if (!paths.empty()) {
        auto proj = std::make_unique<LogicalProjection>();
        for (auto& [pv, seq] : paths) {
            auto b = std::make_unique<BoundExpression>(BoundExprKind::PathBuild, SourcePosition{});
            b->type = StaticType::Path;
            for (size_t i = 0; i < seq.size(); ++i)
                b->children.push_back(binder::make_variable(
                    seq[i], i % 2 ? StaticType::Relationship : StaticType::Node));
            proj->items.emplace_back(std::move(b), pv);
            bound_.insert(pv);
        }
        push(std::move(proj));
        flush();  // predicates on the path variables
    }
    // Every predicate has been placed: all its variables are bound by now.
    std::vector<BoundExprPtr> rest;
    for (auto& pd : pending)
        if (pd.expr) rest.push_back(std::move(pd.expr));
    add_filter(std::move(rest));
}

void Planner::plan_unwind(binder::BoundUnwindClause& u) {
    note_reads(*u.list);
    auto op = std::make_unique<LogicalUnwind>();
    op->list = std::move(u.list);
    op->var = u.var;
    bound_.insert(u.var);
    card_ *= 10;
    push(std::move(op));
}

}  // namespace quiver::planner
