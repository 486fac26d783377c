#include "executor/physical_limit.h"

#include <unordered_set>

#include "executor/physical_sort.h"
#include "value/value_ops.h"

namespace quiver::executor {

namespace {
struct CountState final : OperatorState {
    bool init = false;
    int64_t remaining = 0;
};
struct DistinctState final : OperatorState {
    explicit DistinctState(ExecutionContext& ctx) : held(ctx.memory()) {}
    TrackedBytes held;  // the keys seen so far
    std::unordered_set<ValueList, RowEquivalenceHash, RowEquivalenceEq> seen;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalSkip::make_state(ExecutionContext&) const {
    return std::make_unique<CountState>();
}

namespace {
bool reset_count(OperatorState& st) {
    auto& s = static_cast<CountState&>(st);
    s.init = false;
    s.remaining = 0;
    return true;
}
}  // namespace

bool PhysicalSkip::reset_state(OperatorState& st) const { return reset_count(st); }

bool PhysicalSkip::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<CountState&>(st);
    if (!s.init) {
        s.init = true;
        s.remaining = evaluate_count(*op_.count, row, ctx, "SKIP");
    }
    while (s.remaining > 0) {
        if (!pull(ctx, st, row)) return false;
        --s.remaining;
    }
    return pull(ctx, st, row);
}

std::unique_ptr<OperatorState> PhysicalLimit::make_state(ExecutionContext&) const {
    return std::make_unique<CountState>();
}

bool PhysicalLimit::reset_state(OperatorState& st) const { return reset_count(st); }

bool PhysicalLimit::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<CountState&>(st);
    if (!s.init) {
        s.init = true;
        s.remaining = evaluate_count(*op_.count, row, ctx, "LIMIT");
    }
    if (s.remaining <= 0) {
        if (op_.exhaust_input)
            while (pull(ctx, st, row)) {
            }
        return false;
    }
    --s.remaining;
    return pull(ctx, st, row);
}

std::unique_ptr<OperatorState> PhysicalDistinct::make_state(ExecutionContext& ctx) const {
    return std::make_unique<DistinctState>(ctx);
}

bool PhysicalDistinct::reset_state(OperatorState& st) const {
    auto& s = static_cast<DistinctState&>(st);
    s.held.bind(nullptr);
    if (!s.seen.empty()) s.seen = {};  // its buckets: as many as the keys were
    return true;
}

void PhysicalDistinct::bind_state(ExecutionContext& ctx, OperatorState& st) const {
    static_cast<DistinctState&>(st).held.bind(ctx.memory());
}

bool PhysicalDistinct::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<DistinctState&>(st);
    while (pull(ctx, st, row)) {
        ValueList key;
        key.reserve(op_.vars.size());
        for (VarId v : op_.vars) key.push_back(row[v]);
        uint64_t bytes = row_bytes(key);
        if (s.seen.insert(std::move(key)).second) {
            s.held.add(bytes);
            return true;
        }
    }
    return false;
}

}  // namespace quiver::executor
