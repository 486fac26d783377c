// quiver::main — the plan cache: prepared queries by query text, shared by every transaction of
// one database (Neo4j's query cache).
//
// Promises:
//   1. a cached PreparedQuery is immutable and holds no run state (query_pipeline.h), so it is
//      shared as shared_ptr<const PreparedQuery> by any number of concurrent runs;
//   2. the key is the exact query text (with the default optimizer options; otherwise "\x01",
//      the disabled passes, "\n" and the text, which no valid query begins with); parameter
//      values and types
//      are not part of it, because neither the planner nor the optimizer reads them (prepare()
//      checks only that every parameter is given, which a hit re-checks);
//   3. least recently used entries are evicted beyond `capacity` (0 disables the cache);
//   4. a schema change (index, constraint, full-text index) clears the cache when it commits,
//      and a transaction that may see a different schema than a cached plan was planned with
//      (one that changed the schema itself, or that began while a schema change committed)
//      neither uses nor fills the cache;
//   5. a hit whose planning counts (nodes, relationships, per label, per type) have moved by
//      more than kDivergence of their old value and by at least kMinDivergence is replanned;
//   6. thread-safe: one lock (a SpinLock) guards the map, never held while parsing or planning.
#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/spin_lock.h"
#include "main/query_pipeline.h"
#include "main/store_statistics.h"

namespace quiver::main {

struct CachedPlan {
    std::shared_ptr<const PreparedQuery> query;
    bool writes = false, in_transactions = false;
    std::vector<CountRead> counts;  // the counts the planner read, with their values then
    uint64_t schema_generation = 0;
    // The last read snapshot (committed iteration) whose counts were checked and had not moved:
    // a statement on the same snapshot skips reading them again.
    mutable std::atomic<uint64_t> counts_checked_at{0};
};

// The schema a transaction sees, as far as the cache is concerned (PlanCache::schema_view).
struct SchemaView {
    uint64_t generation = 0;
    bool usable = false;  // false: bypass the cache
};

// A statement between lookup (before its transaction begins) and prepare (inside it). `query`
// is the caller's text, which outlives the statement.
struct Statement {
    std::string_view query;
    std::string options_key;  // the optimizer options' part of the cache key ("" by default)
    std::shared_ptr<const CachedPlan> cached;     // set on a (not yet validated) hit
    std::shared_ptr<ParsedAndBound> analysed;     // set otherwise
    bool writes = false, in_transactions = false;
    bool schema = false;  // a schema command (never cached)
};

struct PlanCacheCounters {
    uint64_t hits = 0, misses = 0, replans = 0, evictions = 0;
};

class PlanCache final {
public:
    static constexpr double kDivergence = 0.5;
    static constexpr double kMinDivergence = 100;

    explicit PlanCache(size_t capacity) : capacity_(capacity) {}

    // What the statement is: a cached plan, or the query parsed and bound now.
    Statement lookup(std::string_view query, const optimizer::OptimizerOptions& options = {});
    // The plan to run in `txn`: the cached one while it is still valid there, else a fresh plan
    // (cached when `view` allows). Checks the parameters either way.
    std::shared_ptr<const PreparedQuery> prepare(Statement& st, storage::GraphTxn& txn,
                                                 const ValueMap& params, const SchemaView& view,
                                                 const optimizer::OptimizerOptions& options = {});

    // Around beginning a transaction: mark = schema_mark(); begin; view = schema_view(mark).
    uint64_t schema_mark() const;
    SchemaView schema_view(uint64_t mark) const;
    // Around committing a transaction that changed the schema (SchemaCommit below).
    void schema_commit_begin() { ++changing_; }
    void schema_commit_end();

    size_t clear();  // returns how many entries were dropped
    PlanCacheCounters counters() const;
    size_t size() const;

private:
    struct Entry {
        std::string key;
        std::shared_ptr<const CachedPlan> plan;
    };
    bool diverged(const CachedPlan& p, storage::GraphTxn& txn) const;
    void insert(const std::string& key, std::shared_ptr<const CachedPlan> plan);

    const size_t capacity_;
    mutable SpinLock mu_;
    std::list<Entry> lru_;  // most recently used first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> map_;  // keys live in lru_
    PlanCacheCounters counters_;    // all but hits: guarded by mu_
    std::atomic<uint64_t> hits_{0};  // counted without the lock (the hot path)
    std::atomic<uint64_t> generation_{0};
    std::atomic<int> changing_{0};
};

// Brackets the commit of a transaction that changed the schema: the cache is cleared and
// transactions beginning meanwhile bypass it.
class SchemaCommit {
public:
    explicit SchemaCommit(PlanCache& c) : c_(c) { c_.schema_commit_begin(); }
    ~SchemaCommit() { c_.schema_commit_end(); }
    SchemaCommit(const SchemaCommit&) = delete;
    SchemaCommit& operator=(const SchemaCommit&) = delete;

private:
    PlanCache& c_;
};

}  // namespace quiver::main
