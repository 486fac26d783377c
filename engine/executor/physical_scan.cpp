#include "executor/physical_scan.h"

#include <algorithm>

#include "base/error.h"

#include "executor/expression_evaluator.h"
#include "executor/node_seek.h"
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
    std::optional<storage::TokenId> label;
    std::optional<storage::TokenId> committed_label;  // the label's id, found in a read snapshot
};

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

bool PhysicalArgument::reset_state(OperatorState& st) const {
    static_cast<ArgumentState&>(st).done = false;
    return true;
}

bool PhysicalNodeScan::reset_state(OperatorState& st) const {
    auto& s = static_cast<ScanState&>(st);
    s.active = false;
    if (s.cursor.is_open()) s.cursor.close();
    s.seeking = false;
    s.hits.clear();
    if (s.hits.capacity() > 4096) s.hits = {};
    s.pos = 0;
    s.label.reset();  // committed_label stays: a committed token's id never changes
    return true;
}

bool PhysicalNodeScan::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<ScanState&>(st);
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row)) return false;
            std::optional<storage::TokenId> tok;
            if (op_.label) {
                tok = s.committed_label;
                if (!tok) {
                    tok = ctx.txn->find_label(*op_.label);
                    if (!tok) continue;  // no node can carry an unknown label
                    // a committed token keeps its id for good (one made by a write transaction
                    // may still roll back): later rows and runs skip the lookup
                    if (!ctx.txn->is_write()) s.committed_label = tok;
                }
            }
            s.label = tok;
            s.seeking = seek_candidates(op_.seek, row, ctx, s.hits);
            if (s.seeking) {
                s.pos = 0;
            } else {
                s.cursor = tok ? ctx.txn->scan_label(*tok) : ctx.txn->scan_nodes();
            }
            s.active = true;
        }
        storage::NodeId id;
        while (s.seeking ? (s.pos < s.hits.size() ? (id = s.hits[s.pos++], true) : false)
                         : s.cursor.next(id)) {
            ctx.guard->check();
            if (!ctx.deleted_nodes.empty() && ctx.deleted_nodes.count(id)) continue;
            // seek candidates by id may be anything: check existence and the label (a node
            // that has the label exists: one record read)
            if (s.seeking && op_.seek.kind >= planner::SeekKind::ById &&
                (s.label ? !ctx.txn->node_has_label(id, *s.label) : !ctx.txn->node_exists(id)))
                continue;
            row[op_.var] = Value::node_ref(id);
            if (all_true(op_.predicates, row, ctx)) return true;
        }
        s.active = false;
    }
}

namespace {
struct RelSeekState final : OperatorState {
    bool active = false;
    std::vector<int64_t> ids;
    size_t pos = 0;
    std::vector<storage::TokenId> types;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalRelByIdSeek::make_state(ExecutionContext&) const {
    return std::make_unique<RelSeekState>();
}

bool PhysicalRelByIdSeek::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<RelSeekState&>(st);
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row)) return false;
            s.types.clear();
            bool any_type = op_.types.empty();
            for (const auto& t : op_.types)
                if (auto tok = ctx.txn->find_rel_type(t)) {
                    s.types.push_back(*tok);
                    any_type = true;
                }
            if (!any_type) continue;
            Value v = evaluate(*op_.arg, row, ctx);
            if (op_.list && !v.is_list() && !v.is_null())
                throw QuiverError(std::string(status::TypeError),
                                  "Expected a list for IN but was " + std::string(kind_name(v.kind())),
                                  "InvalidArgumentType", ErrorPhase::Runtime);
            s.ids = ids_of(v, op_.list);
            s.pos = 0;
            s.active = true;
        }
        while (s.pos < s.ids.size()) {
            int64_t id = s.ids[s.pos++];
            if (!ctx.txn->rel_exists(id) || ctx.deleted_rels.count(id)) continue;
            storage::RelRecord r = ctx.txn->rel(id);
            if (!s.types.empty() &&
                std::find(s.types.begin(), s.types.end(), r.type) == s.types.end())
                continue;
            row[op_.rel] = Value::rel_ref(id);
            row[op_.start] = Value::node_ref(r.start);
            row[op_.end] = Value::node_ref(r.end);
            return true;
        }
        s.active = false;
    }
}

}  // namespace quiver::executor

namespace quiver::executor {

namespace {
struct RelIndexSeekState final : OperatorState {
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
            if (ix.relationship && ix.kind == storage::IndexKind::Range && ix.entity == *type &&
                ix.keys.size() == 1 && ix.keys[0] == *key)
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
    return std::make_unique<RelIndexSeekState>();
}

bool PhysicalRelIndexSeek::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<RelIndexSeekState&>(st);
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
