#include "executor/physical_scan.h"

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

// Index seek for a label scan: when a predicate is `var.key = <constant>` and a range index
// covers (label, key), the nodes it holds for that value (ascending ids, like the label scan;
// every predicate is still evaluated on them).
std::optional<std::vector<storage::NodeId>> index_seek(const planner::LogicalNodeScan& op,
                                                       storage::TokenId label, Row& row,
                                                       ExecutionContext& ctx) {
    std::vector<storage::IndexInfo> ixs;
    bool loaded = false;
    for (const auto& pred : op.predicates) {
        if (pred->kind != binder::BoundExprKind::Binary || pred->op != parser::BinaryOp::Eq ||
            pred->children.size() != 2)
            continue;
        for (int side = 0; side < 2; ++side) {
            const auto& p = *pred->children[side];
            const auto& c = *pred->children[1 - side];
            if (p.kind != binder::BoundExprKind::Property || p.children.size() != 1 ||
                p.children[0]->kind != binder::BoundExprKind::Variable ||
                p.children[0]->var != op.var || !c.is_constant())
                continue;
            auto key = ctx.txn->find_property_key(p.name);
            if (!key) continue;
            if (!loaded) {
                ixs = ctx.txn->indexes();
                loaded = true;
                if (ixs.empty()) return std::nullopt;
            }
            for (const auto& ix : ixs) {
                if (ix.label != label || ix.key != *key) continue;
                Value v = evaluate(c, row, ctx);
                if (!v.is_string() && !v.is_bool() && !v.is_number()) break;
                return ctx.txn->index_seek(ix.name, v);
            }
        }
    }
    return std::nullopt;
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
            ctx.guard->check();
            if (ctx.deleted_nodes.count(id)) continue;
            row[op_.var] = Value::node_ref(id);
            if (all_true(op_.predicates, row, ctx)) return true;
        }
        s.active = false;
    }
}

}  // namespace quiver::executor
