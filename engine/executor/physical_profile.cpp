#include "executor/physical_profile.h"

#include <chrono>

#include "executor/executor.h"
#include "storage/graph/graph_txn.h"

namespace quiver::executor {

namespace {
struct ProfiledState final : OperatorState {
    std::unique_ptr<OperatorState> inner;
};

// Adds what happens during its lifetime to one operator's counters (also when it throws).
class Meter {
public:
    using Clock = std::chrono::steady_clock;
    Meter(ExecutionContext& ctx, OperatorProfile& p)
        : ctx_(ctx), p_(p), hits_(ctx.txn->db_hits()),
          pages_(ctx.txn->page_cache_hits_misses()), t0_(Clock::now()) {}
    ~Meter() {
        // The profile vector never grows while a meter runs (every slot exists before the
        // first next()), so p_ stays valid.
        auto pages = ctx_.txn->page_cache_hits_misses();
        p_.db_hits += ctx_.txn->db_hits() - hits_;
        p_.page_hits += pages.first - pages_.first;
        p_.page_misses += pages.second - pages_.second;
        p_.time_ns += uint64_t(
            std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0_).count());
    }

private:
    ExecutionContext& ctx_;
    OperatorProfile& p_;
    uint64_t hits_;
    std::pair<uint64_t, uint64_t> pages_;
    Clock::time_point t0_;
};

}  // namespace

std::unique_ptr<OperatorState> PhysicalProfiled::make_state(ExecutionContext& ctx) const {
    auto st = std::make_unique<ProfiledState>();
    if (ctx.profile.size() <= slot_) ctx.profile.resize(slot_ + 1);
    Meter m(ctx, ctx.profile[slot_]);
    st->inner = inner_->init_state(ctx);
    return st;
}

bool PhysicalProfiled::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<ProfiledState&>(st);
    OperatorProfile& p = ctx.profile[slot_];
    Meter m(ctx, p);
    if (!inner_->next(ctx, *s.inner, row)) return false;
    ++p.rows;
    return true;
}

PhysicalOpPtr map_plan_profiled(const planner::LogicalOperator& root,
                                std::vector<const planner::LogicalOperator*>& counted) {
    // Map this operator alone, then replace its children by profiled ones.
    PhysicalOpPtr p = map_plan(root);
    for (size_t i = 0; i < root.children.size(); ++i)
        p->children[i] = map_plan_profiled(*root.children[i], counted);
    size_t slot = counted.size();
    counted.push_back(&root);
    return std::make_unique<PhysicalProfiled>(std::move(p), slot);
}

}  // namespace quiver::executor
