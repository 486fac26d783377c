#include "executor/physical_expand.h"

#include "executor/adjacency_walk.h"
#include "executor/expression_evaluator.h"

namespace quiver::executor {

namespace {
struct ExpandState final : OperatorState {
    bool active = false;
    AdjacencyWalk walk;
    storage::ExpandCursor cursor;
    // The usual uniqueness test — one earlier relationship of the MATCH, bound to a
    // relationship — as a plain id comparison; -1 when the general test (qualifies) applies.
    int64_t other_rel = -1;
};

// The relationship id the one `distinct_from` variable holds, when that is the whole test.
int64_t single_other_rel(const planner::LogicalExpand& op, const Row& row) {
    if (op.into || op.rel_bound || op.distinct_from.size() != 1) return -1;
    const Value& v = row[op.distinct_from[0]];
    return v.is_rel() ? v.rel_id() : -1;
}
}  // namespace

std::unique_ptr<OperatorState> PhysicalExpand::make_state(ExecutionContext&) const {
    return std::make_unique<ExpandState>();
}

bool PhysicalExpand::reset_state(OperatorState& st) const {
    auto& s = static_cast<ExpandState&>(st);
    s.active = false;
    s.walk.reset();
    s.cursor.reset();
    s.other_rel = -1;
    return true;
}

bool PhysicalExpand::qualifies(const Row& row, int64_t rel, int64_t neighbor) const {
    if (op_.into) {
        const Value& to = row[op_.to];
        if (!to.is_node() || to.node_id() != neighbor) return false;
    }
    if (op_.rel_bound) {
        const Value& r = row[op_.rel];
        if (!r.is_rel() || r.rel_id() != rel) return false;
    }
    return !rel_bound_in(row, op_.distinct_from, rel);
}

// Pulls input rows until one has relationships to walk and opens its cursor; false when the
// input is exhausted.
bool PhysicalExpand::open_next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<ExpandState&>(st);
    while (pull(ctx, st, row)) {
        int64_t from;
        if (!expansion_start(row[op_.from], from)) continue;
        if (!s.walk.prepare(ctx, op_.direction, op_.types)) continue;
        s.walk.open_into(ctx, s.cursor, from);
        s.other_rel = single_other_rel(op_, row);
        s.active = true;
        return true;
    }
    return false;
}

bool PhysicalExpand::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<ExpandState&>(st);
    for (;;) {
        if (!s.active && !open_next(ctx, s, row)) return false;
        storage::AdjEntry e;
        // the common case (new relationship and end node, nothing to compare) skips the checks
        const bool check = op_.into || op_.rel_bound || !op_.distinct_from.empty();
        while (s.walk.next(ctx, s.cursor, e)) {
            if (s.other_rel >= 0 ? e.rel == s.other_rel : check && !qualifies(row, e.rel, e.neighbor)) continue;
            if (!op_.rel_bound) row[op_.rel].set_rel_ref(e.rel);
            if (!op_.into) row[op_.to].set_node_ref(e.neighbor);
            if (op_.predicates.empty() || all_true(op_.predicates, row, ctx)) return true;
        }
        s.active = false;
    }
}

// The rows next() would produce, counted per adjacency entry: the relationship and end node
// slots are not written (the counting aggregation above reads neither). With predicates,
// which read them, the rows are made and counted.
int64_t PhysicalExpand::count_rows(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    if (!op_.predicates.empty()) return PhysicalOperator::count_rows(ctx, st, row);
    auto& s = static_cast<ExpandState&>(st);
    const bool check = op_.into || op_.rel_bound || !op_.distinct_from.empty();
    int64_t n = 0;
    storage::AdjEntry e;
    for (;;) {
        if (!s.active && !open_next(ctx, s, row)) return n;
        if (!check) {  // nothing to test per entry but, perhaps, deletion and properties
            if (int64_t k = s.walk.count_rest(ctx, s.cursor); k >= 0) {
                n += k;
                s.active = false;
                continue;
            }
        }
        if (s.other_rel >= 0) {
            while (s.walk.next(ctx, s.cursor, e)) n += e.rel != s.other_rel;
        } else {
            while (s.walk.next(ctx, s.cursor, e))
                if (!check || qualifies(row, e.rel, e.neighbor)) ++n;
        }
        s.active = false;
    }
}

}  // namespace quiver::executor
