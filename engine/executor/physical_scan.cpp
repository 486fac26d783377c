#include "executor/physical_scan.h"

#include <algorithm>

#include "executor/expression_evaluator.h"
#include "storage/graph/graph_txn.h"

namespace quiver::executor {

namespace {
struct ArgumentState final : OperatorState {
    bool done = false;
};
struct ScanState final : OperatorState {
    bool active = false;
    storage::NodeCursor cursor;
    bool seeking = false;  // iterating index-seek hits instead of the label cursor
    std::vector<storage::NodeId> hits;
    size_t pos = 0;
};

// The constant `var.key = <constant>` equalities among the scan's predicates, by key name.
std::vector<std::pair<std::string, const binder::BoundExpression*>> key_equalities(
    const planner::LogicalNodeScan& op) {
    std::vector<std::pair<std::string, const binder::BoundExpression*>> out;
    for (const auto& pred : op.predicates) {
        if (pred->kind != binder::BoundExprKind::Binary || pred->op != parser::BinaryOp::Eq ||
            pred->children.size() != 2)
            continue;
        for (int side = 0; side < 2; ++side) {
            const auto& p = *pred->children[side];
            const auto& c = *pred->children[1 - side];
            if (p.kind == binder::BoundExprKind::Property && p.children.size() == 1 &&
                p.children[0]->kind == binder::BoundExprKind::Variable &&
                p.children[0]->var == op.var && c.is_constant())
                out.emplace_back(p.name, &c);
        }
    }
    return out;
}

// Composite index seek: every key of a composite index on the label has an equality.
std::optional<std::vector<storage::NodeId>> composite_seek(
    const planner::LogicalNodeScan& op, storage::TokenId label, Row& row, ExecutionContext& ctx,
    std::vector<storage::IndexInfo>& ixs, bool loaded) {
    auto eqs = key_equalities(op);
    if (eqs.size() < 2) return std::nullopt;
    if (!loaded) ixs = ctx.txn->indexes();
    for (const auto& ix : ixs) {
        if (ix.relationship || ix.entity != label || ix.keys.size() < 2) continue;
        std::vector<Value> values;
        for (auto k : ix.keys) {
            const std::string& name = ctx.txn->property_key_name(k);
            for (const auto& [key, expr] : eqs)
                if (key == name) {
                    values.push_back(evaluate(*expr, row, ctx));
                    break;
                }
        }
        if (values.size() != ix.keys.size()) continue;
        bool indexable = std::all_of(values.begin(), values.end(), [](const Value& v) {
            return v.is_string() || v.is_bool() || v.is_number();
        });
        if (!indexable) continue;
        return ctx.txn->index_seek(ix.name, values);
    }
    return std::nullopt;
}

// Index seek for a label scan: when a predicate is `var.key = <constant>` and a range index
// covers (label, key), the nodes it holds for that value (ascending ids, like the label scan;
// every predicate is still evaluated on them).
std::optional<std::vector<storage::NodeId>> index_seek(const planner::LogicalNodeScan& op,
                                                       storage::TokenId label, Row& row,
                                                       ExecutionContext& ctx) {
    std::vector<storage::IndexInfo> ixs;
    bool loaded = false;
    for (const auto& [name, c] : key_equalities(op)) {
        auto key = ctx.txn->find_property_key(name);
        if (!key) continue;
        if (!loaded) {
            ixs = ctx.txn->indexes();
            loaded = true;
            if (ixs.empty()) return std::nullopt;
        }
        for (const auto& ix : ixs) {
            if (ix.label != label || ix.key != *key) continue;
            Value v = evaluate(*c, row, ctx);
            if (!v.is_string() && !v.is_bool() && !v.is_number()) break;
            return ctx.txn->index_seek(ix.name, v);
        }
    }
    return composite_seek(op, label, row, ctx, ixs, loaded);
}
}  // namespace

std::unique_ptr<OperatorState> PhysicalArgument::make_state(ExecutionContext&) const {
    return std::make_unique<ArgumentState>();
}

bool PhysicalArgument::next(ExecutionContext&, OperatorState& st, Row&) const {
    auto& s = static_cast<ArgumentState&>(st);
    if (s.done) return false;
    s.done = true;
    return true;
}

std::unique_ptr<OperatorState> PhysicalNodeScan::make_state(ExecutionContext&) const {
    return std::make_unique<ScanState>();
}

bool PhysicalNodeScan::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<ScanState&>(st);
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row)) return false;
            if (op_.label) {
                auto tok = ctx.txn->find_label(*op_.label);
                if (!tok) continue;  // no node can carry an unknown label
                auto hits = index_seek(op_, *tok, row, ctx);
                s.seeking = hits.has_value();
                if (s.seeking) {
                    s.hits = std::move(*hits);
                    s.pos = 0;
                } else {
                    s.cursor = ctx.txn->scan_label(*tok);
                }
            } else {
                s.seeking = false;
                s.cursor = ctx.txn->scan_nodes();
            }
            s.active = true;
        }
        storage::NodeId id;
        while (s.seeking ? (s.pos < s.hits.size() ? (id = s.hits[s.pos++], true) : false)
                         : s.cursor.next(id)) {
            if (ctx.deleted_nodes.count(id)) continue;
            row[op_.var] = Value::node_ref(id);
            if (all_true(op_.predicates, row, ctx)) return true;
        }
        s.active = false;
    }
}

}  // namespace quiver::executor

namespace quiver::executor {

namespace {
struct RelSeekState final : OperatorState {
    bool active = false;
    std::vector<int64_t> hits;  // relationship ids
    size_t pos = 0;
    int orientation = 0;  // undirected: 0 = a is the start node, 1 = a is the end node
};

// Relationships of `type` whose `key` equals v: through a relationship index on (type, key)
// when the value is indexable, otherwise by expanding every node's outgoing relationships.
std::vector<int64_t> rel_candidates(const planner::LogicalRelIndexSeek& op, const Value& v,
                                    ExecutionContext& ctx) {
    std::vector<int64_t> out;
    if (v.is_null()) return out;
    auto type = ctx.txn->find_rel_type(op.type);
    auto key = ctx.txn->find_property_key(op.key);
    if (!type || !key) return out;
    if (v.is_string() || v.is_bool() || v.is_number()) {
        for (const auto& ix : ctx.txn->indexes())
            if (ix.relationship && ix.entity == *type && ix.keys.size() == 1 && ix.keys[0] == *key)
                return ctx.txn->index_seek(ix.name, std::vector<Value>{v});
    }
    // no index at run time, or a value it does not hold: every relationship of the type
    // (the equality is re-checked by the filter the planner keeps)
    auto nodes = ctx.txn->scan_nodes();
    storage::NodeId n;
    storage::TokenId types[1] = {*type};
    while (nodes.next(n)) {
        auto c = ctx.txn->expand(n, storage::Direction::Outgoing, types);
        storage::AdjEntry e;
        while (c.next(e)) out.push_back(e.rel);
    }
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

std::unique_ptr<OperatorState> PhysicalRelIndexSeek::make_state(ExecutionContext&) const {
    return std::make_unique<RelSeekState>();
}

bool PhysicalRelIndexSeek::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<RelSeekState&>(st);
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row)) return false;
            s.hits = rel_candidates(op_, evaluate(*op_.value, row, ctx), ctx);
            s.pos = 0;
            s.orientation = 0;
            s.active = true;
        }
        while (s.pos < s.hits.size()) {
            int64_t id = s.hits[s.pos];
            int orientation = s.orientation;
            if (op_.directed || orientation == 1) {
                ++s.pos;
                s.orientation = 0;
            } else {
                s.orientation = 1;
            }
            if (!ctx.deleted_rels.empty() && ctx.deleted_rels.count(id)) continue;
            if (!ctx.txn->rel_exists(id)) continue;
            auto rec = ctx.txn->rel(id);
            if (orientation == 1 && rec.start == rec.end) continue;  // a self-loop once
            bool taken = false;
            for (auto v : op_.distinct_from) {
                const Value& other = row[v];
                if (other.is_rel() && other.rel_id() == id) taken = true;
                if (other.is_list())
                    for (const Value& o : other.as_list())
                        if (o.is_rel() && o.rel_id() == id) taken = true;
            }
            if (taken) continue;
            row[op_.rel] = Value::rel_ref(id);
            row[op_.a] = Value::node_ref(orientation == 0 ? rec.start : rec.end);
            row[op_.b] = Value::node_ref(orientation == 0 ? rec.end : rec.start);
            return true;
        }
        s.active = false;
    }
}

}  // namespace quiver::executor
