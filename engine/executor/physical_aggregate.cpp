#include "executor/physical_aggregate.h"

#include <cstring>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "executor/expression_evaluator.h"

namespace quiver::executor {

namespace {

struct Group {
    ValueList keys;
    std::vector<std::unique_ptr<function::AggregateState>> states;
    std::vector<std::unordered_set<Value, ValueEquivalenceHash, ValueEquivalenceEq>> seen;
};

struct AggregateRunState final : OperatorState {
    explicit AggregateRunState(ExecutionContext& ctx) : held(ctx.memory()) {}
    // Group keys, DISTINCT sets and the values that collect()/percentiles keep.
    TrackedBytes held;
    bool consumed = false;
    std::vector<Group> groups;
    std::unordered_map<ValueList, size_t, RowEquivalenceHash, RowEquivalenceEq> index;
    ValueList probe;  // this row's grouping keys, reused from row to row
    // One string grouping key: the groups of recently seen string objects, by identity. Stored
    // strings are shared between rows (the property reader reuses repeated strings), so the
    // same object usually comes back and skips hashing; the held copy keeps the object alive,
    // so an address matches only the very string it was recorded for.
    struct Recent {
        Value key;
        size_t group = 0;
    };
    std::unique_ptr<Recent[]> recent;  // 16, made by the first string key (most plans have none)
    size_t emitted = 0;
    std::optional<int64_t> counted;  // counts_child_rows(): the one result
};

}  // namespace

std::unique_ptr<OperatorState> PhysicalAggregate::make_state(ExecutionContext& ctx) const {
    return std::make_unique<AggregateRunState>(ctx);
}

bool PhysicalAggregate::reset_state(OperatorState& st) const {
    auto& s = static_cast<AggregateRunState&>(st);
    s.held.bind(nullptr);  // gives the run's tracked bytes back; bind_state binds the next run
    s.consumed = false;
    s.emitted = 0;
    if (s.counted) {  // it only counted: no group, key or string was made
        s.counted.reset();
        return true;
    }
    s.groups.clear();
    if (s.groups.capacity() > 64) std::vector<Group>().swap(s.groups);
    if (!s.index.empty()) s.index = {};  // its buckets: as many as the groups were
    s.probe.clear();
    s.recent.reset();
    s.emitted = 0;
    s.counted.reset();
    return true;
}

void PhysicalAggregate::bind_state(ExecutionContext& ctx, OperatorState& st) const {
    static_cast<AggregateRunState&>(st).held.bind(ctx.memory());
}

void PhysicalAggregate::consume(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    static const Value kCountStar = Value::boolean(true);
    auto& s = static_cast<AggregateRunState&>(st);
    auto new_group = [&](ValueList keys) {
        Group g;
        g.keys = std::move(keys);
        for (const auto& [expr, var] : op_.aggregates) g.states.push_back(expr->aggregate->make());
        g.seen.resize(op_.aggregates.size());
        s.held.add(row_bytes(g.keys) + 64 * op_.aggregates.size());
        s.groups.push_back(std::move(g));
        return s.groups.size() - 1;
    };
    if (op_.keys.empty()) new_group({});
    while (pull(ctx, st, row)) {
        size_t gi = 0;
        if (!op_.keys.empty()) {
            ValueList& keys = s.probe;
            keys.resize(op_.keys.size());
            for (size_t k = 0; k < op_.keys.size(); ++k) keys[k] = evaluate(*op_.keys[k].first, row, ctx);
            AggregateRunState::Recent* recent = nullptr;
            bool hit = false;
            if (keys.size() == 1 && keys[0].is_string()) {
                const std::string* id = &keys[0].as_string();
                if (!s.recent) s.recent = std::make_unique<AggregateRunState::Recent[]>(16);
                recent = &s.recent[(reinterpret_cast<uintptr_t>(id) >> 4) % 16];
                hit = recent->key.is_string() && &recent->key.as_string() == id;
                if (hit) gi = recent->group;
            }
            if (!hit) {
                auto it = s.index.find(keys);
                if (it == s.index.end()) {
                    gi = new_group(keys);
                    s.index.emplace(keys, gi);
                } else {
                    gi = it->second;
                }
                if (recent) *recent = {keys[0], gi};
            }
        }
        Group& g = s.groups[gi];
        for (size_t a = 0; a < op_.aggregates.size(); ++a) {
            const auto& expr = *op_.aggregates[a].first;
            if (expr.children.empty()) {  // count(*)
                g.states[a]->update(kCountStar);
                continue;
            }
            // a variable argument is read in place (no copy per row)
            const auto& arg = *expr.children[0];
            Value computed;
            if (arg.kind != binder::BoundExprKind::Variable) computed = evaluate(arg, row, ctx);
            const Value& v = arg.kind == binder::BoundExprKind::Variable ? row[arg.var] : computed;
            if (v.is_null()) continue;
            if (expr.children.size() > 1) {
                ValueList extra;
                for (size_t i = 1; i < expr.children.size(); ++i)
                    extra.push_back(evaluate(*expr.children[i], row, ctx));
                g.states[a]->set_arguments(extra.data(), extra.size());
            }
            if (expr.distinct) {
                if (!g.seen[a].insert(v).second) continue;
                s.held.add(value_bytes(v));
            }
            if (expr.aggregate->retains_values) s.held.add(value_bytes(v));
            g.states[a]->update(v);
        }
    }
}

bool PhysicalAggregate::counts_child_rows() const {
    int8_t c = counts_child_rows_.load(std::memory_order_relaxed);
    if (c < 0) {
        c = decide_counts_child_rows() ? 1 : 0;
        counts_child_rows_.store(c, std::memory_order_relaxed);
    }
    return c == 1;
}

bool PhysicalAggregate::decide_counts_child_rows() const {
    if (!op_.keys.empty() || op_.aggregates.size() != 1) return false;
    const auto& expr = *op_.aggregates[0].first;
    if (expr.distinct || !expr.aggregate || std::strcmp(expr.aggregate->name, "count") != 0) return false;
    if (expr.children.empty()) return true;  // count(*)
    const auto& arg = *expr.children[0];
    return expr.children.size() == 1 && arg.kind == binder::BoundExprKind::Variable &&
           children[0]->binds_non_null(arg.var);
}

bool PhysicalAggregate::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<AggregateRunState&>(st);
    if (!s.consumed) {
        if (counts_child_rows())
            s.counted = children[0]->count_rows(ctx, *st.children[0], row);
        else
            consume(ctx, st, row);
        s.consumed = true;
    }
    if (s.counted) {
        if (s.emitted++ > 0) return false;
        for (auto& v : row) v.clear();
        row[op_.aggregates[0].second] = Value::integer(*s.counted);
        return true;
    }
    if (s.emitted >= s.groups.size()) return false;
    const Group& g = s.groups[s.emitted++];
    for (auto& v : row) v.clear();
    for (size_t k = 0; k < op_.keys.size(); ++k) row[op_.keys[k].second] = g.keys[k];
    for (size_t a = 0; a < op_.aggregates.size(); ++a)
        row[op_.aggregates[a].second] = g.states[a]->result();
    return true;
}

}  // namespace quiver::executor
