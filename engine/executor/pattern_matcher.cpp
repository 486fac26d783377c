#include "executor/pattern_matcher.h"

#include <algorithm>

#include "executor/expression_evaluator.h"
#include "storage/graph/graph_txn.h"

namespace quiver::executor {

namespace {

using binder::SubpatternNode;
using binder::SubpatternPart;
using binder::SubpatternRel;

storage::Direction to_storage(parser::PatternDirection d) {
    switch (d) {
        case parser::PatternDirection::Right: return storage::Direction::Outgoing;
        case parser::PatternDirection::Left: return storage::Direction::Incoming;
        case parser::PatternDirection::Both: return storage::Direction::Both;
    }
    return storage::Direction::Both;
}

class Matcher {
public:
    Matcher(const binder::BoundExpression& e, Row& row, ExecutionContext& ctx)
        : e_(e), sp_(*e.subpattern), row_(row), ctx_(ctx) {}

    Value run() {
        match_part(0);
        if (e_.has_map) return Value::list(std::move(results_));
        if (found_) return Value::boolean(true);
        return null_input_ ? Value() : Value::boolean(false);
    }

private:
    // Called once per complete match; sets stop_ when no further match is needed.
    void on_match() {
        if (e_.has_where) {
            const auto& w = *e_.children[e_.children.size() - (e_.has_map ? 2 : 1)];
            if (evaluate_predicate(w, row_, ctx_) != Tri::True) return;
        }
        if (e_.has_map) {
            results_.push_back(evaluate(*e_.children.back(), row_, ctx_));
            return;
        }
        found_ = true;
        stop_ = true;
    }

    bool props_match(int idx, bool node, int64_t id) {
        if (idx < 0) return true;
        // Evaluated per candidate: the map may refer to elements matched earlier in the pattern.
        Value m = evaluate(*e_.children[size_t(idx)], row_, ctx_);
        if (m.is_null()) return false;
        if (!m.is_map()) return true;
        for (const auto& [key, want] : m.as_map()) {
            Value have = node ? node_property(ctx_, id, key) : rel_property(ctx_, id, key);
            if (cypher_equals(have, want) != Tri::True) return false;
        }
        return true;
    }

    bool node_ok(const SubpatternNode& n, int64_t id) {
        if (!ctx_.deleted_nodes.empty() && ctx_.deleted_nodes.count(id)) return false;
        for (const auto& l : n.labels) {
            auto tok = ctx_.txn->find_label(l);
            if (!tok || !ctx_.txn->node_has_label(id, *tok)) return false;
        }
        return props_match(n.props, true, id);
    }

    // Binds (or checks) node pattern n to id.
    bool take_node(const SubpatternNode& n, int64_t id) {
        if (n.bound) {
            const Value& v = row_[n.var];
            if (v.is_null()) null_input_ = true;
            if (!v.is_node() || v.node_id() != id) return false;
            return node_ok(n, id);
        }
        if (!node_ok(n, id)) return false;
        row_[n.var] = Value::node_ref(id);
        return true;
    }

    bool rel_types(const SubpatternRel& r, std::vector<storage::TokenId>& out) {
        for (const auto& t : r.types)
            if (auto tok = ctx_.txn->find_rel_type(t)) out.push_back(*tok);
        return r.types.empty() || !out.empty();
    }

    bool rel_usable(const SubpatternRel& r, int64_t rel) {
        if (!ctx_.deleted_rels.empty() && ctx_.deleted_rels.count(rel)) return false;
        if (std::find(used_.begin(), used_.end(), rel) != used_.end()) return false;
        return props_match(r.props, false, rel);
    }

    void match_part(size_t pi) {
        if (stop_) return;
        if (pi == sp_.parts.size()) {
            on_match();
            return;
        }
        const SubpatternPart& part = sp_.parts[pi];
        const SubpatternNode& first = part.nodes[0];
        if (first.bound) {
            const Value& v = row_[first.var];
            if (v.is_null()) {
                null_input_ = true;
                return;
            }
            if (!v.is_node()) return;
            if (node_ok(first, v.node_id())) walk(pi, 0, v.node_id());
            return;
        }
        storage::NodeCursor cur;
        if (!first.labels.empty()) {
            auto tok = ctx_.txn->find_label(first.labels[0]);
            if (!tok) return;
            cur = ctx_.txn->scan_label(*tok);
        } else {
            cur = ctx_.txn->scan_nodes();
        }
        storage::NodeId id;
        while (!stop_ && cur.next(id) && (ctx_.guard->check(), true))
            if (take_node(first, id)) walk(pi, 0, id);
    }

    // Node i of part pi is matched at `at`.
    void walk(size_t pi, size_t i, int64_t at) {
        if (stop_) return;
        const SubpatternPart& part = sp_.parts[pi];
        if (i == part.rels.size()) {
            if (part.path_var != binder::kNoVar) row_[part.path_var] = build_path(part);
            match_part(pi + 1);
            return;
        }
        const SubpatternRel& r = part.rels[i];
        std::vector<storage::TokenId> types;
        if (!rel_types(r, types)) return;
        if (r.var_length) {
            std::vector<int64_t> trail;
            var_step(pi, i, at, types, trail);
            return;
        }
        auto cur = ctx_.txn->expand(at, to_storage(r.direction), types);
        storage::AdjEntry adj;
        while (!stop_ && cur.next(adj)) {
            ctx_.guard->check();
            if (!rel_usable(r, adj.rel)) continue;
            if (r.bound) {
                const Value& v = row_[r.var];
                if (!v.is_rel() || v.rel_id() != adj.rel) continue;
            }
            if (!r.bound) row_[r.var] = Value::rel_ref(adj.rel);
            if (!take_node(part.nodes[i + 1], adj.neighbor)) continue;
            used_.push_back(adj.rel);
            walk(pi, i + 1, adj.neighbor);
            used_.pop_back();
        }
    }

    void var_step(size_t pi, size_t i, int64_t at, const std::vector<storage::TokenId>& types,
                  std::vector<int64_t>& trail) {
        if (stop_) return;
        const SubpatternPart& part = sp_.parts[pi];
        const SubpatternRel& r = part.rels[i];
        if (int64_t(trail.size()) >= r.min_hops) {
            ValueList list;
            for (int64_t id : trail) list.push_back(Value::rel_ref(id));
            row_[r.var] = Value::list(std::move(list));
            if (take_node(part.nodes[i + 1], at)) walk(pi, i + 1, at);
        }
        if (r.max_hops >= 0 && int64_t(trail.size()) >= r.max_hops) return;
        auto cur = ctx_.txn->expand(at, to_storage(r.direction), types);
        storage::AdjEntry adj;
        while (!stop_ && cur.next(adj)) {
            ctx_.guard->check();
            if (!rel_usable(r, adj.rel)) continue;
            trail.push_back(adj.rel);
            used_.push_back(adj.rel);
            var_step(pi, i, adj.neighbor, types, trail);
            used_.pop_back();
            trail.pop_back();
        }
    }

    Value build_path(const SubpatternPart& part) {
        auto* p = new PathObj();
        p->nodes.push_back(row_[part.nodes[0].var]);
        for (size_t i = 0; i < part.rels.size(); ++i) {
            const Value& rv = row_[part.rels[i].var];
            if (rv.is_list()) {
                for (const Value& rel : rv.as_list()) {
                    int64_t last = p->nodes.back().node_id();
                    storage::RelRecord rec = ctx_.txn->rel(rel.rel_id());
                    p->rels.push_back(rel);
                    p->nodes.push_back(Value::node_ref(rec.start == last ? rec.end : rec.start));
                }
            } else {
                p->rels.push_back(rv);
                p->nodes.push_back(row_[part.nodes[i + 1].var]);
            }
        }
        return Value::path(p);
    }

    const binder::BoundExpression& e_;
    const binder::Subpattern& sp_;
    Row& row_;
    ExecutionContext& ctx_;
    std::vector<int64_t> used_;
    ValueList results_;
    bool found_ = false, stop_ = false, null_input_ = false;
};

}  // namespace

Value eval_pattern_match(const binder::BoundExpression& e, Row& row, ExecutionContext& ctx) {
    Matcher m(e, row, ctx);
    return m.run();
}

}  // namespace quiver::executor
