#include "main/plan_cache.h"

#include "storage/graph/graph_txn.h"

#include <cmath>

namespace quiver::main {

namespace {

// The options' part of a cache key: "" for the defaults (the key is then the query text
// itself, looked up without building a string).
std::string options_key(const optimizer::OptimizerOptions& options) {
    if (options.disabled.empty()) return {};
    std::string key = "\x01";
    for (const auto& pass : options.disabled) {
        key += pass;
        key += ';';
    }
    key += '\n';
    return key;
}

constexpr uint64_t kNoMark = ~uint64_t(0);

}  // namespace

Statement PlanCache::lookup(std::string_view query, const optimizer::OptimizerOptions& options) {
    Statement st;
    st.query = query;
    if (capacity_ > 0) {
        std::string full;  // the key, when it is not the query text itself
        if (!options.disabled.empty()) {
            st.options_key = options_key(options);
            full = st.options_key + std::string(query);
        }
        std::string_view key = st.options_key.empty() ? query : std::string_view(full);
        std::lock_guard lock(mu_);
        auto it = map_.find(key);
        if (it != map_.end()) {
            if (it->second != lru_.begin()) lru_.splice(lru_.begin(), lru_, it->second);
            st.cached = it->second->plan;
        }
    }
    if (st.cached) {
        st.writes = st.cached->writes;
        st.in_transactions = st.cached->in_transactions;
    } else {
        st.analysed = analyse(query);
        st.writes = analysed_has_updates(*st.analysed);
        st.in_transactions = analysed_in_transactions(*st.analysed);
    }
    return st;
}

bool PlanCache::diverged(const CachedPlan& p, storage::GraphTxn& txn) const {
    for (const auto& c : p.counts) {
        double change = std::fabs(read_count(c, txn) - c.value);
        if (change >= kMinDivergence && change > kDivergence * c.value) return true;
    }
    return false;
}

std::shared_ptr<const PreparedQuery> PlanCache::prepare(Statement& st, storage::GraphTxn& txn,
                                                        const ValueMap& params,
                                                        const SchemaView& view,
                                                        const optimizer::OptimizerOptions& options) {
    if (st.cached) {
        const CachedPlan& c = *st.cached;
        bool stale = !view.usable || c.schema_generation != view.generation;
        bool moved = false;
        if (!stale) {
            const uint64_t at = txn.read_iteration();
            if (at == 0 || c.counts_checked_at.load(std::memory_order_relaxed) != at) {
                moved = diverged(c, txn);
                if (!moved && at != 0) c.counts_checked_at.store(at, std::memory_order_relaxed);
            }
        }
        if (!stale && !moved) {
            check_parameters(c.query->plan.parameters, c.query->prefix, params);
            hits_.fetch_add(1, std::memory_order_relaxed);
            return c.query;
        }
        if (moved) {
            std::lock_guard lock(mu_);
            ++counters_.replans;
        }
        // The cached statement is not valid here: analyse the text again.
        st.analysed = analyse(st.query);
        st.cached.reset();
    }
    if (!st.analysed) throw std::logic_error("PlanCache::prepare without lookup");
    bool writes = st.writes, in_transactions = st.in_transactions;
    auto plan = std::make_shared<CachedPlan>();
    auto q = main::prepare(std::move(st.analysed), txn, params, options, &plan->counts);
    std::shared_ptr<const PreparedQuery> shared = std::move(q);
    {
        std::lock_guard lock(mu_);
        ++counters_.misses;
    }
    if (capacity_ > 0 && view.usable && !shared->schema) {
        plan->query = shared;
        plan->writes = writes;
        plan->in_transactions = in_transactions;
        plan->schema_generation = view.generation;
        insert(st.options_key + std::string(st.query), std::move(plan));
    }
    return shared;
}

void PlanCache::insert(const std::string& key, std::shared_ptr<const CachedPlan> plan) {
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it != map_.end()) {  // planned concurrently or replanned: the newest plan wins
        it->second->plan = std::move(plan);
        lru_.splice(lru_.begin(), lru_, it->second);
        return;
    }
    lru_.push_front(Entry{key, std::move(plan)});
    map_.emplace(std::string_view(lru_.front().key), lru_.begin());
    while (lru_.size() > capacity_) {
        map_.erase(std::string_view(lru_.back().key));
        lru_.pop_back();
        ++counters_.evictions;
    }
}

uint64_t PlanCache::schema_mark() const {
    return changing_.load() == 0 ? generation_.load() : kNoMark;
}

SchemaView PlanCache::schema_view(uint64_t mark) const {
    SchemaView v;
    v.generation = mark;
    v.usable = mark != kNoMark && changing_.load() == 0 && generation_.load() == mark;
    return v;
}

void PlanCache::schema_commit_end() {
    ++generation_;
    --changing_;
    clear();
}

size_t PlanCache::clear() {
    std::list<Entry> dropped;  // destroyed outside the lock
    std::lock_guard lock(mu_);
    map_.clear();
    dropped.swap(lru_);
    return dropped.size();
}

PlanCacheCounters PlanCache::counters() const {
    std::lock_guard lock(mu_);
    PlanCacheCounters c = counters_;
    c.hits = hits_.load();
    return c;
}

size_t PlanCache::size() const {
    std::lock_guard lock(mu_);
    return lru_.size();
}

}  // namespace quiver::main
